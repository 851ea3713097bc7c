import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { EmailConfig } from "next-auth/providers/email";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { hashClient } from "@/lib/client-id";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { consumeRateLimit, resetRateLimit } from "@/lib/rate-limit";
import { getServerSecret } from "@/lib/secret";
import { platformUrl } from "@/lib/urls";
import { emailSchema } from "./email";
import { sendSignInLink } from "./mails";
import { dummyPasswordHash, verifyPassword } from "./password";
import { safeReturnPath } from "./return-path";
import { endAllSessions, getAccountUser, getUserForSignIn, verifyAddressOnFirstLinkSignIn } from "./users";
import { verifyAddressWithToken } from "./verification";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
  }
}

export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

const SIGN_IN_WINDOW_MS = 15 * 60_000;
const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

const SIGN_IN_LINKS_PER_ADDRESS = 3;
const SIGN_IN_LINKS_PER_CLIENT = 20;

/**
 * The link Auth.js asks to mail, rebuilt on the platform's own address: only its query (token, address,
 * where to go next) is kept. Auth.js already builds it from AUTH_URL; this keeps a request header out of
 * every mailed link even if that ever changed.
 */
export function platformSignInLink(authUrl: string): string {
  const { searchParams } = new URL(authUrl);
  return platformUrl(`/api/auth/callback/email?${searchParams.toString()}`);
}

const emailLink: EmailConfig = {
  id: "email",
  type: "email",
  name: "E-mail",
  // A sign-in link is good for ten minutes, once (the adapter deletes its token when used).
  maxAge: 10 * 60,
  // Throttled here, where the mail is sent, whichever endpoint asked (the form's action or a direct
  // POST /api/auth/signin/email). Over the limit nothing is sent and the answer stays the same.
  async sendVerificationRequest({ identifier, url, request }) {
    const [addressAllowed, clientAllowed] = await Promise.all([
      consumeRateLimit(`signin-link:email:${identifier}`, SIGN_IN_LINKS_PER_ADDRESS, SIGN_IN_WINDOW_MS),
      consumeRateLimit(`signin-link:client:${hashClient(request.headers)}`, SIGN_IN_LINKS_PER_CLIENT, SIGN_IN_WINDOW_MS),
    ]);
    if (addressAllowed && clientAllowed) await sendSignInLink(identifier, platformSignInLink(url));
  },
  options: {},
};

/**
 * Read at each use, never at build: Auth.js takes its own address from AUTH_URL (next-auth and
 * @auth/core read it from process.env), which Carnet sets from ROOT_DOMAIN and PUBLIC_PROTOCOL, so that
 * neither Host nor X-Forwarded-Host nor X-Forwarded-Proto of a request ever builds a URL, a redirect or
 * a cookie name. `Secure` cookies follow PUBLIC_PROTOCOL alone.
 */
function authConfig(): NextAuthConfig {
  process.env.AUTH_URL = platformUrl("/api/auth");
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: getServerSecret(),
    // The request's host is never read: AUTH_URL is set above.
    trustHost: true,
    useSecureCookies: env.PUBLIC_PROTOCOL === "https",
    // Signed cookies: they hold across restarts and instances; sessionVersion revokes them.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/connexion", verifyRequest: "/connexion/lien-envoye", error: "/connexion" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(input, request) {
          const parsed = credentialsSchema.safeParse(input);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const emailKey = `signin:email:${email}`;
          const clientKey = `signin:client:${hashClient(request.headers)}`;
          const [emailAllowed, clientAllowed] = await Promise.all([
            consumeRateLimit(emailKey, 8, SIGN_IN_WINDOW_MS),
            consumeRateLimit(clientKey, 100, SIGN_IN_WINDOW_MS),
          ]);
          if (!emailAllowed || !clientAllowed) throw new RateLimitedSignIn();
          const user = await getUserForSignIn(email);
          const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
          if (!user || !user.passwordHash || !valid) return null;
          await resetRateLimit(emailKey);
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
      // The link mailed at sign-up (lib/auth/verification.ts): it proves the address and signs in.
      Credentials({
        id: "address-link",
        credentials: { token: {} },
        async authorize(input) {
          const account = typeof input.token === "string" ? await verifyAddressWithToken(input.token) : null;
          return account ? { id: account.id, name: account.name, email: account.email } : null;
        },
      }),
      emailLink,
    ],
    events: {
      // A signed cookie cannot be taken back from wherever it was copied: signing out ends every
      // session of the account, so the old cookie opens nothing (jwt below compares sessionVersion).
      async signOut(message) {
        const userId = "token" in message ? message.token?.sub : undefined;
        if (userId) await endAllSessions(userId);
      },
    },
    callbacks: {
      async signIn({ user, account, email }) {
        if (account?.provider !== "email" || email?.verificationRequest) return true;
        // A link only signs in an existing account (an address without one is mailed an invitation,
        // never a link). The first link sign-in proves the address: see verifyAddressOnFirstLinkSignIn.
        return user.email ? verifyAddressOnFirstLinkSignIn(user.email) : false;
      },
      // Only a page of the platform, on the platform's address.
      redirect({ url }) {
        const platform = platformUrl("/");
        if (url.startsWith(platform)) return platformUrl(safeReturnPath(url.slice(platform.length - 1), "/admin"));
        return platformUrl(safeReturnPath(url, "/admin"));
      },
      async jwt({ token, user }) {
        if (user?.id) {
          const account = await getAccountUser(user.id);
          return { ...token, sub: user.id, sessionVersion: account?.sessionVersion ?? 0 };
        }
        if (!token.sub) return null;
        const account = await getAccountUser(token.sub);
        // Signing out, changing the password, a first sign-in by link bump the version: older sessions end here.
        if (!account || account.sessionVersion !== token.sessionVersion) return null;
        return { ...token, name: account.name, email: account.email };
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
