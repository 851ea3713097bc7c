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
import { consumeToken, createAccount, issueToken, setPassword } from "./accounts";
import { emailSchema } from "./email";
import { sendEmailChangeLink, sendPasswordResetLink } from "./mails";
import { passwordProblem, verifyPassword } from "./password";
import { safeReturnPath } from "./session";
import { getUserForSignIn } from "./users";

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
  const client = hashClient(await headers());
  const allowed =
    (await consumeRateLimit(`signin-link:email:${parsed.data.email}`, 3, 15 * 60_000)) &&
    (await consumeRateLimit(`signin-link:client:${client}`, 20, 15 * 60_000));
  if (!allowed) return formError(t("auth.tooManyAttempts"), values);
  // Auth.js stores the token and calls sendSignInLink, then redirects to "lien envoyé".
  await signIn("email", { email: parsed.data.email, redirectTo: safeReturnPath(values.retour) });
  return { ok: true };
}

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
  if (!created) return formError(t("auth.emailTaken"), values, { email: t("auth.emailTaken") });
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: safeReturnPath(values.retour) });
  return { ok: true };
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

export async function changePassword(_: FormState, formData: FormData): Promise<FormResult> {
  const session = await auth();
  if (!session?.user?.id) return formError(t("forms.sessionExpired"), {});
  const current = String(formData.get("currentPassword") ?? "");
  const next = String(formData.get("password") ?? "");
  const [user] = await db.select({ passwordHash: users.passwordHash, email: users.email, name: users.name }).from(users).where(eq(users.id, session.user.id));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    return formError(t("forms.fixErrors"), {}, { currentPassword: t("auth.wrongCurrentPassword") });
  }
  const problem = passwordProblem(next, { email: user.email ?? undefined, name: user.name ?? undefined });
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
  const parsed = z.object({ email: emailSchema }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  if (!(await consumeRateLimit(`email-change:user:${session.user.id}`, 5, 60 * 60_000))) return formError(t("auth.tooManyAttempts"), values);
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
  const updated = await db
    .update(users)
    .set({ email, emailVerified: new Date() })
    .where(eq(users.id, session.user.id))
    .returning({ id: users.id })
    .catch(() => []);
  if (updated.length === 0) return formError(t("auth.emailChangeInvalid"), values);
  return { ok: true, message: t("auth.emailChanged") };
}
