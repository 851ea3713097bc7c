import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { getTranslator } from "@/lib/i18n";
import { queueEmail } from "@/lib/mail/outbox";
import { platformUrl } from "@/lib/urls";
import { getUserForSignIn } from "./users";

const keyOf = (kind: string, secret: string) => `${kind}:${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;

async function queueAccountMail(kind: string, to: string, subject: string, text: string, secretUrl: string): Promise<void> {
  await queueEmail(db, { key: keyOf(kind, secretUrl), kind, to, subject, text });
}

/**
 * Mails a sign-in link, through the outbox. An address without an account gets an invitation to create
 * one instead: the page says the same thing either way, so nobody learns who has an account.
 */
export async function sendSignInLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  if (await getUserForSignIn(email)) {
    await queueAccountMail("signin", email, t("auth.mailSignInSubject"), t("auth.mailSignInText", { url }), url);
  } else {
    await queueAccountMail("signin", email, t("auth.mailNoAccountSubject"), t("auth.mailNoAccountText", { url: platformUrl("/inscription") }), `no-account:${url}`);
  }
}

export async function sendPasswordResetLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  await queueAccountMail("password-reset", email, t("auth.mailResetSubject"), t("auth.mailResetText", { url }), url);
}

export async function sendEmailChangeLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  await queueAccountMail("email-change", email, t("auth.mailEmailChangeSubject"), t("auth.mailEmailChangeText", { url }), url);
}

/** Mails the link that proves a new account's address (lib/auth/actions.ts signUp, or sent again from the administration). */
export async function sendAddressVerificationLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  await queueAccountMail("verify-address", email, t("auth.mailVerifySubject"), t("auth.mailVerifyText", { url, signIn: platformUrl("/connexion") }), url);
}

/** Sign-up with an address that already has an account: the form answers as for a new one, the mail explains. */
export async function sendAccountExistsNotice(email: string, now = Date.now()): Promise<void> {
  const t = getTranslator("fr");
  const text = t("auth.mailAccountExistsText", { signIn: platformUrl("/connexion"), reset: platformUrl("/mot-de-passe/oublie") });
  await queueAccountMail("account-exists", email, t("auth.mailAccountExistsSubject"), text, `account-exists:${email}:${now}`);
}

/** Tells the former address of an account that it is no longer the account's. */
export async function sendEmailChangedNotice(oldEmail: string, newEmail: string, now = Date.now()): Promise<void> {
  const t = getTranslator("fr");
  await queueAccountMail("email-changed", oldEmail, t("auth.mailEmailChangedSubject"), t("auth.mailEmailChangedText", { email: newEmail }), `email-changed:${oldEmail}:${now}`);
}
