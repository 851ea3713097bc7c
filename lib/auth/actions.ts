"use server";

import { eq } from "drizzle-orm";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { publicAction, userAction, type RunOutcome } from "@/lib/actions/pipeline";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { platformUrl } from "@/lib/urls";
import { emailSchema } from "./email";
import { sendAccountExistsNotice, sendEmailChangedNotice, sendEmailChangeLink, sendPasswordResetLink } from "./mails";
import { consumeToken, createAccount, issueToken, setPassword } from "./mutations";
import { passwordProblem, verifyPassword } from "./password";
import { safeReturnPath } from "./return-path";
import { getAccountUser, getUserForSignIn } from "./users";
import { sendAddressVerification } from "./verification";

// Every action of an account goes through lib/actions/pipeline.ts: publicAction for the signed-out
// (sign-in, sign-up, reset), userAction for the signed-in person's own account.

const t = getTranslator("fr");
const HOUR = 60 * 60_000;
const passwordField = z.string().max(200);
const returnField = z.string().max(2000).optional();
const tokenField = z.string().max(200).default("");

const refusal = (error: string, fieldErrors?: Record<string, string>): RunOutcome => ({ ok: false, error, fieldErrors });

export const signInWithPassword = publicAction({
  schema: z.object({ email: emailSchema, password: z.string().min(1).max(200), retour: returnField }),
  keep: ["email", "retour"],
  async run({ input }): Promise<RunOutcome> {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeReturnPath(input.retour) });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const rateLimited = "code" in error && error.code === "rate_limited";
      return refusal(rateLimited ? t("auth.tooManyAttempts") : t("auth.invalidCredentials"));
    }
    return { ok: true };
  },
});

export const requestSignInLink = publicAction({
  schema: z.object({ email: emailSchema, retour: returnField }),
  keep: ["email", "retour"],
  async run({ input }): Promise<RunOutcome> {
    // Auth.js stores the token and calls its sendVerificationRequest (lib/auth/index.ts, which throttles
    // per address and client), then redirects to "lien envoyé": the same page whatever happened.
    await signIn("email", { email: input.email, redirectTo: safeReturnPath(input.retour) });
    return { ok: true };
  },
});

/**
 * Creates an account and mails the link that proves its address. The answer is the same whether the
 * address already had an account or not: that person is mailed a notice instead, which explains. Nobody is
 * signed in here (that would tell the two cases apart): the new blogger follows the mailed link, which
 * signs them in, or signs in with the password at once.
 */
export const signUp = publicAction({
  schema: z.object({ name: z.string().trim().min(1).max(80), email: emailSchema, password: passwordField, retour: returnField }),
  keep: ["name", "email", "retour"],
  rateLimit: { name: "signup", limit: 10, windowMs: HOUR },
  async run({ input }): Promise<RunOutcome> {
    const problem = passwordProblem(input.password, input);
    if (problem) return refusal(t("forms.fixErrors"), { password: t(`auth.${problem}`) });
    const created = await createAccount(input);
    // Mail bombing through sign-up: a few mails per address and hour, then silence (same answer).
    if (await consumeRateLimit(`signup:email:${input.email}`, 3, HOUR)) {
      if (created) await sendAddressVerification(created.id, input.email, safeReturnPath(input.retour));
      else await sendAccountExistsNotice(input.email);
    }
    return { ok: true, message: t("auth.signUpSent", { email: input.email }) };
  },
});

/**
 * Proves the address of an account from the link mailed at sign-up, and signs its owner in (a button:
 * mail scanners only open links). The link is the proof: it works on any device.
 */
export const confirmAddress = publicAction({
  schema: z.object({ jeton: tokenField, retour: returnField }),
  keep: ["jeton", "retour"],
  async run({ input }): Promise<RunOutcome> {
    try {
      await signIn("address-link", { token: input.jeton, redirectTo: safeReturnPath(input.retour) });
    } catch (error) {
      if (error instanceof AuthError) return refusal(t("auth.verifyInvalid"));
      throw error;
    }
    return { ok: true, message: t("auth.verifyDone") };
  },
});

/** Sends the signed-in blogger's confirmation link again (from the administration's notice). */
export const resendAddressVerification = userAction({
  schema: z.object({}),
  rateLimit: { name: "verify-resend", limit: 3, windowMs: HOUR },
  async run({ user }): Promise<RunOutcome> {
    const account = await getAccountUser(user.id);
    if (!account?.email || account.emailVerified) return { ok: true, message: t("auth.verifyDone") };
    await sendAddressVerification(account.id, account.email);
    return { ok: true, message: t("auth.verifySent") };
  },
});

/** Signing out ends every session of the account (lib/auth/index.ts, events.signOut). */
export const signOutEverywhere = userAction({
  schema: z.object({}),
  async run(): Promise<RunOutcome> {
    await signOut({ redirectTo: "/" });
    return { ok: true };
  },
});

export const requestPasswordReset = publicAction({
  schema: z.object({ email: emailSchema }),
  keep: ["email"],
  rateLimit: { name: "reset", limit: 20, windowMs: HOUR },
  async run({ input }): Promise<RunOutcome> {
    if (await consumeRateLimit(`reset:email:${input.email}`, 3, HOUR)) {
      const user = await getUserForSignIn(input.email);
      if (user) {
        const token = await issueToken(`reset:${user.id}`);
        await sendPasswordResetLink(input.email, platformUrl(`/mot-de-passe/nouveau?jeton=${token}`));
      }
    }
    // The same answer whether or not the address has an account (or was throttled).
    return { ok: true, message: t("auth.resetSent") };
  },
});

export const resetPassword = publicAction({
  schema: z.object({ jeton: tokenField, password: passwordField }),
  keep: ["jeton"],
  async run({ input }): Promise<RunOutcome> {
    const problem = passwordProblem(input.password);
    if (problem) return refusal(t("forms.fixErrors"), { password: t(`auth.${problem}`) });
    const identifier = await consumeToken("reset:", input.jeton);
    if (!identifier) return refusal(t("auth.resetLinkInvalid"));
    await setPassword(identifier.slice("reset:".length), input.password);
    return { ok: true, redirectTo: "/connexion?motdepasse=change" };
  },
});

/** The account's password, checked before a change of its security settings; a field error otherwise. */
async function currentPasswordProblem(userId: string, password: string): Promise<Record<string, string> | null> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) return { currentPassword: t("auth.noPasswordYet") };
  if (!(await verifyPassword(user.passwordHash, password))) return { currentPassword: t("auth.wrongCurrentPassword") };
  return null;
}

export const changePassword = userAction({
  schema: z.object({ currentPassword: passwordField, password: passwordField }),
  rateLimit: { name: "password-change", limit: 10, windowMs: HOUR },
  async run({ input, user }): Promise<RunOutcome> {
    const wrongPassword = await currentPasswordProblem(user.id, input.currentPassword);
    if (wrongPassword) return refusal(t("forms.fixErrors"), wrongPassword);
    const account = await getAccountUser(user.id);
    if (!account?.email) return refusal(t("forms.sessionExpired"));
    const problem = passwordProblem(input.password, { email: account.email, name: account.name ?? undefined });
    if (problem) return refusal(t("forms.fixErrors"), { password: t(`auth.${problem}`) });
    await setPassword(user.id, input.password);
    // This session has the old version too: sign in again with the new password to keep going.
    await signIn("credentials", { email: account.email, password: input.password, redirect: false });
    return { ok: true, message: t("auth.passwordChanged") };
  },
});

export const requestEmailChange = userAction({
  schema: z.object({ email: emailSchema, currentPassword: passwordField }),
  keep: ["email"],
  rateLimit: { name: "email-change", limit: 5, windowMs: HOUR },
  async run({ input, user }): Promise<RunOutcome> {
    const wrongPassword = await currentPasswordProblem(user.id, input.currentPassword);
    if (wrongPassword) return refusal(t("forms.fixErrors"), wrongPassword);
    if (!(await getUserForSignIn(input.email))) {
      const token = await issueToken(`email-change:${user.id}:${input.email}`);
      await sendEmailChangeLink(input.email, platformUrl(`/compte/adresse?jeton=${token}`));
    }
    return { ok: true, message: t("auth.changeEmailSent") };
  },
});

export const confirmEmailChange = userAction({
  schema: z.object({ jeton: tokenField }),
  keep: ["jeton"],
  async run({ input, user }): Promise<RunOutcome> {
    const identifier = await consumeToken(`email-change:${user.id}:`, input.jeton);
    if (!identifier) return refusal(t("auth.emailChangeInvalid"));
    const email = identifier.slice(`email-change:${user.id}:`.length);
    const previous = await getAccountUser(user.id);
    const updated = await db
      .update(users)
      .set({ email, emailVerified: new Date() })
      .where(eq(users.id, user.id))
      .returning({ id: users.id })
      .catch(() => []);
    if (updated.length === 0) return refusal(t("auth.emailChangeInvalid"));
    if (previous?.email && previous.email !== email) await sendEmailChangedNotice(previous.email, email);
    return { ok: true, message: t("auth.emailChanged") };
  },
});
