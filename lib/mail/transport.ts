import { connect, type Socket } from "node:net";
import { createTransport, type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { env } from "@/lib/env";

export type MailTransport = Pick<Transporter, "sendMail" | "close">;

// Every step of a send is bounded well under the outbox lock (LOCK_MS in outbox.ts): a message is
// never still being sent by one worker when its lock runs out and another worker takes it over.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };
export const SMTP_CONNECTIONS = 4;

type SocketOptions = { host?: string; port?: number; secure?: boolean; connectionTimeout?: number };

/**
 * Opens the TCP connection to the SMTP server for nodemailer's pool, with Nagle's algorithm off:
 * nodemailer writes each message in several small pieces, and with Nagle every message would wait
 * for the server's delayed acknowledgement (40 ms on Linux), whatever the distance to the server.
 * TLS (smtps://, STARTTLS) is still nodemailer's business, on top of this socket.
 */
function openSocket(options: SocketOptions, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host ?? "localhost", port: options.port ?? (options.secure ? 465 : 587) });
  socket.setNoDelay(true);
  const timer = setTimeout(() => socket.destroy(new Error("Connection timeout")), options.connectionTimeout ?? TIMEOUTS.connectionTimeout);
  const fail = (error: Error) => {
    clearTimeout(timer);
    callback(error);
  };
  socket.once("error", fail);
  socket.once("connect", () => {
    clearTimeout(timer);
    socket.removeListener("error", fail);
    callback(null, { connection: socket });
  });
}

/** The SMTP transport from SMTP_URL (pooled), or null when Carnet has no mail server. */
export function createSmtpTransport(url = env.SMTP_URL): MailTransport | null {
  if (!url) return null;
  // Pool options go with the parsed address in one object: createTransport(url, options) would take
  // the second argument for message defaults and open one connection per message.
  return createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: Infinity,
    getSocket: openSocket,
    ...TIMEOUTS,
  } as Parameters<typeof createTransport>[0]);
}

/** The host name mail is sent from: the platform's, without a port. */
export function mailDomain(): string {
  return env.ROOT_DOMAIN.replace(/:\d+$/, "");
}

export function mailFrom(): string {
  return env.MAIL_FROM ?? `Carnet <no-reply@${mailDomain()}>`;
}
