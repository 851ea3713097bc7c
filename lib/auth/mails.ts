import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { getTranslator } from "@/lib/i18n";
import { queueEmail } from "@/lib/mail/outbox";
import { platformUrl } from "@/lib/urls";
import { getUserForSignIn } from "./users";

const keyOf = (kind: string, secret: string) => `${kind}:${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;

/**
 * Mails a sign-in link, through the outbox. An address without an account gets an invitation to create
 * one instead: the page says the same thing either way, so nobody learns who has an account.
 */
export async function sendSignInLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  const user = await getUserForSignIn(email);
  if (user) {
    await queueEmail(db, {
      key: keyOf("signin", url),
      kind: "signin",
      to: email,
      subject: t("auth.mailSignInSubject"),
      text: t("auth.mailSignInText", { url }),
    });
  } else {
    await queueEmail(db, {
      key: keyOf("signin-no-account", url),
      kind: "signin",
      to: email,
      subject: t("auth.mailNoAccountSubject"),
      text: t("auth.mailNoAccountText", { url: platformUrl("/inscription") }),
    });
  }
}

export async function sendPasswordResetLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  await queueEmail(db, {
    key: keyOf("reset", url),
    kind: "password-reset",
    to: email,
    subject: t("auth.mailResetSubject"),
    text: t("auth.mailResetText", { url }),
  });
}

export async function sendEmailChangeLink(email: string, url: string): Promise<void> {
  const t = getTranslator("fr");
  await queueEmail(db, {
    key: keyOf("email-change", url),
    kind: "email-change",
    to: email,
    subject: t("auth.mailEmailChangeSubject"),
    text: t("auth.mailEmailChangeText", { url }),
  });
}
