import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { EmailConfig } from "next-auth/providers/email";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { hashClient } from "@/lib/client-id";
import { db } from "@/lib/db";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { consumeRateLimit, resetRateLimit } from "@/lib/rate-limit";
import { getServerSecret } from "@/lib/secret";
import { emailSchema } from "./email";
import { sendSignInLink } from "./mails";
import { dummyPasswordHash, verifyPassword } from "./password";
import { getAccountUser, getUserForSignIn } from "./users";

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

const emailLink: EmailConfig = {
  id: "email",
  type: "email",
  name: "E-mail",
  // A sign-in link is good for ten minutes, once (the adapter deletes its token when used).
  maxAge: 10 * 60,
  sendVerificationRequest: ({ identifier, url }) => sendSignInLink(identifier, url),
  options: {},
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  secret: getServerSecret(),
  trustHost: true,
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
    emailLink,
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        const account = await getAccountUser(user.id);
        return { ...token, sub: user.id, sessionVersion: account?.sessionVersion ?? 0 };
      }
      if (!token.sub) return null;
      const account = await getAccountUser(token.sub);
      // Changing the password (or "sign out everywhere") bumps the version: older sessions end here.
      if (!account || account.sessionVersion !== token.sessionVersion) return null;
      return { ...token, name: account.name, email: account.email };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
