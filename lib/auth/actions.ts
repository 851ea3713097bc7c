"use server";

import { eq } from "drizzle-orm";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth, signIn, signOut } from "@/lib/auth";
import { hashClient } from "@/lib/client-id";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { fieldErrorsFrom, formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { platformUrl } from "@/lib/urls";
import { headers } from "next/headers";
import { consumeToken, createAccount, issueToken, setPassword } from "./mutations";
import { emailSchema } from "./email";
import { sendAccountExistsNotice, sendEmailChangedNotice, sendEmailChangeLink, sendPasswordResetLink } from "./mails";
import { passwordProblem, verifyPassword } from "./password";
import { safeReturnPath } from "./session";
import { getAccountUser, getUserForSignIn } from "./users";
import { sendAddressVerification } from "./verification";

const t = getTranslator("fr");

const passwordField = z.string().max(200);

export async function signInWithPassword(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["email", "retour"]);
  const parsed = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: safeReturnPath(values.retour) });
  } catch (error) {
    if (error instanceof AuthError) {
      const rateLimited = "code" in error && error.code === "rate_limited";
      return formError(rateLimited ? t("auth.tooManyAttempts") : t("auth.invalidCredentials"), values);
    }
    throw error;
  }
  return { ok: true };
}

export async function requestSignInLink(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["email", "retour"]);
  const parsed = z.object({ email: emailSchema }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  // Auth.js stores the token and calls its sendVerificationRequest (lib/auth/index.ts, which throttles
  // per address and client), then redirects to "lien envoyé": the same page whatever happened.
  await signIn("email", { email: parsed.data.email, redirectTo: safeReturnPath(values.retour) });
  return { ok: true };
}

/**
 * Creates an account and mails the link that proves its address. The answer is the same whether the
 * address already had an account or not: that person is mailed a notice instead, which explains. Nobody is
 * signed in here (that would tell the two cases apart): the new blogger follows the mailed link, which
 * signs them in, or signs in with the password at once.
 */
export async function signUp(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["name", "email", "retour"]);
  const parsed = z
    .object({ name: z.string().trim().min(1).max(80), email: emailSchema, password: passwordField })
    .safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  const problem = passwordProblem(parsed.data.password, parsed.data);
  if (problem) return formError(t("forms.fixErrors"), values, { password: t(`auth.${problem}`) });
  if (!(await consumeRateLimit(`signup:client:${hashClient(await headers())}`, 10, 60 * 60_000))) {
    return formError(t("auth.tooManyAttempts"), values);
  }
  const created = await createAccount(parsed.data);
  // Mail bombing through sign-up: a few mails per address and hour, then silence (same answer).
  if (await consumeRateLimit(`signup:email:${parsed.data.email}`, 3, 60 * 60_000)) {
    if (created) await sendAddressVerification(created.id, parsed.data.email, safeReturnPath(values.retour));
    else await sendAccountExistsNotice(parsed.data.email);
  }
  return { ok: true, message: t("auth.signUpSent", { email: parsed.data.email }) };
}

/**
 * Proves the address of an account from the link mailed at sign-up, and signs its owner in (a button:
 * mail scanners only open links). The link is the proof: it works on any device.
 */
export async function confirmAddress(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["jeton", "retour"]);
  try {
    await signIn("address-link", { token: values.jeton ?? "", redirectTo: safeReturnPath(values.retour) });
  } catch (error) {
    if (error instanceof AuthError) return formError(t("auth.verifyInvalid"), values);
    throw error;
  }
  return { ok: true, message: t("auth.verifyDone") };
}

/** Sends the signed-in blogger's confirmation link again (from the administration's notice). */
export async function resendAddressVerification(): Promise<FormResult> {
  const session = await auth();
  if (!session?.user?.id) return formError(t("forms.sessionExpired"), {});
  const account = await getAccountUser(session.user.id);
  if (!account?.email || account.emailVerified) return { ok: true, message: t("auth.verifyDone") };
  if (!(await consumeRateLimit(`verify-resend:user:${account.id}`, 3, 60 * 60_000))) return formError(t("auth.tooManyAttempts"), {});
  await sendAddressVerification(account.id, account.email);
  return { ok: true, message: t("auth.verifySent") };
}

export async function signOutEverywhere(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export async function requestPasswordReset(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["email"]);
  const parsed = z.object({ email: emailSchema }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  const allowed =
    (await consumeRateLimit(`reset:email:${parsed.data.email}`, 3, 60 * 60_000)) &&
    (await consumeRateLimit(`reset:client:${hashClient(await headers())}`, 20, 60 * 60_000));
  if (allowed) {
    const user = await getUserForSignIn(parsed.data.email);
    if (user) {
      const token = await issueToken(`reset:${user.id}`);
      await sendPasswordResetLink(parsed.data.email, platformUrl(`/mot-de-passe/nouveau?jeton=${token}`));
    }
  }
  // The same answer whether or not the address has an account (or was throttled).
  return { ok: true, message: t("auth.resetSent") };
}

export async function resetPassword(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["jeton"]);
  const token = values.jeton ?? "";
  const password = String(formData.get("password") ?? "");
  const problem = passwordProblem(password);
  if (problem) return formError(t("forms.fixErrors"), values, { password: t(`auth.${problem}`) });
  const identifier = await consumeToken("reset:", token);
  if (!identifier) return formError(t("auth.resetLinkInvalid"), values);
  await setPassword(identifier.slice("reset:".length), password);
  redirect("/connexion?motdepasse=change");
}

/** The account's password, checked before a change of its security settings; a field error otherwise. */
async function currentPasswordProblem(userId: string, password: string): Promise<Record<string, string> | null> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) return { currentPassword: t("auth.noPasswordYet") };
  if (!(await verifyPassword(user.passwordHash, password))) return { currentPassword: t("auth.wrongCurrentPassword") };
  return null;
}

export async function changePassword(_: FormState, formData: FormData): Promise<FormResult> {
  const session = await auth();
  if (!session?.user?.id) return formError(t("forms.sessionExpired"), {});
  const current = String(formData.get("currentPassword") ?? "");
  const next = String(formData.get("password") ?? "");
  const wrongPassword = await currentPasswordProblem(session.user.id, current);
  if (wrongPassword) return formError(t("forms.fixErrors"), {}, wrongPassword);
  const user = await getAccountUser(session.user.id);
  if (!user?.email) return formError(t("forms.sessionExpired"), {});
  const problem = passwordProblem(next, { email: user.email, name: user.name ?? undefined });
  if (problem) return formError(t("forms.fixErrors"), {}, { password: t(`auth.${problem}`) });
  await setPassword(session.user.id, next);
  // This session has the old version too: sign in again with the new password to keep going.
  await signIn("credentials", { email: user.email, password: next, redirect: false });
  return { ok: true, message: t("auth.passwordChanged") };
}

export async function requestEmailChange(_: FormState, formData: FormData): Promise<FormResult> {
  const session = await auth();
  const values = formValues(formData, ["email"]);
  if (!session?.user?.id) return formError(t("forms.sessionExpired"), values);
  const parsed = z.object({ email: emailSchema, currentPassword: passwordField }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  if (!(await consumeRateLimit(`email-change:user:${session.user.id}`, 5, 60 * 60_000))) return formError(t("auth.tooManyAttempts"), values);
  const wrongPassword = await currentPasswordProblem(session.user.id, parsed.data.currentPassword);
  if (wrongPassword) return formError(t("forms.fixErrors"), values, wrongPassword);
  const taken = await getUserForSignIn(parsed.data.email);
  if (!taken) {
    const token = await issueToken(`email-change:${session.user.id}:${parsed.data.email}`);
    await sendEmailChangeLink(parsed.data.email, platformUrl(`/compte/adresse?jeton=${token}`));
  }
  return { ok: true, message: t("auth.changeEmailSent") };
}

export async function confirmEmailChange(_: FormState, formData: FormData): Promise<FormResult> {
  const session = await auth();
  const values = formValues(formData, ["jeton"]);
  if (!session?.user?.id) return formError(t("forms.sessionExpired"), values);
  const identifier = await consumeToken(`email-change:${session.user.id}:`, values.jeton ?? "");
  if (!identifier) return formError(t("auth.emailChangeInvalid"), values);
  const email = identifier.slice(`email-change:${session.user.id}:`.length);
  const previous = await getAccountUser(session.user.id);
  const updated = await db
    .update(users)
    .set({ email, emailVerified: new Date() })
    .where(eq(users.id, session.user.id))
    .returning({ id: users.id })
    .catch(() => []);
  if (updated.length === 0) return formError(t("auth.emailChangeInvalid"), values);
  if (previous?.email && previous.email !== email) await sendEmailChangedNotice(previous.email, email);
  return { ok: true, message: t("auth.emailChanged") };
}
