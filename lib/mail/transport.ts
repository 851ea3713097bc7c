import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type MailTransport = Pick<Transporter, "sendMail" | "close">;

/** The SMTP transport from SMTP_URL (pooled), or null when Carnet has no mail server. */
export function createSmtpTransport(url = env.SMTP_URL): MailTransport | null {
  if (!url) return null;
  return createTransport(url, { pool: true, maxConnections: 4 } as object);
}

export function mailFrom(): string {
  return env.MAIL_FROM ?? `Carnet <no-reply@${env.ROOT_DOMAIN.replace(/:\d+$/, "")}>`;
}
