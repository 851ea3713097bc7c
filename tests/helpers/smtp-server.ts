import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server received it, parsed by mailparser. */
export type CapturedMail = {
  /** The envelope recipient (RCPT TO). */
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Raw header values by lowercased name, unfolded. */
  headers: Record<string, string>;
};

export type TestSmtpServer = {
  port: number;
  url: string;
  /** Parsed messages, in the order they arrived. */
  messages: CapturedMail[];
  /** Messages accepted, parsed or not. */
  received: () => number;
  /** The next `count` recipients are refused with this SMTP reply (451: try again later). */
  failNext: (count: number, reply?: { code: number; message: string }) => void;
  /** This recipient is always refused with this reply. */
  refuse: (address: string, reply: { code: number; message: string }) => void;
  waitFor: (predicate: (messages: CapturedMail[]) => boolean, timeoutMs?: number) => Promise<CapturedMail[]>;
  close: () => Promise<void>;
};

function smtpError(reply: { code: number; message: string }): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/**
 * A real SMTP server in the test process (smtp-server), without TLS or authentication, that parses
 * every message with mailparser. `saveTo` also writes each message as JSON to a folder (how
 * end-to-end tests, in other processes, read the mail Carnet sent); `parse: false` only counts them
 * (the benchmark).
 */
export async function startSmtpServer(options: { saveTo?: string; parse?: boolean } = {}): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  let received = 0;
  let failures: { count: number; reply: { code: number; message: string } } = { count: 0, reply: { code: 451, message: "" } };
  const refused = new Map<string, { code: number; message: string }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const refusal = refused.get(address.address.toLowerCase());
      if (refusal) return callback(smtpError(refusal));
      if (failures.count > 0) {
        failures.count -= 1;
        return callback(smtpError(failures.reply));
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(", ");
      if (options.parse === false) {
        stream.on("data", () => undefined);
        stream.on("end", () => {
          received += 1;
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const { key, line } of parsed.headerLines) {
            headers[key.toLowerCase()] = line.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim();
          }
          const mail: CapturedMail = {
            to,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            headers,
          };
          received += 1;
          messages.push(mail);
          if (options.saveTo) writeFileSync(join(options.saveTo, `${Date.now()}-${String(received).padStart(6, "0")}.json`), JSON.stringify(mail));
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    received: () => received,
    failNext: (count, reply = { code: 451, message: "4.3.0 Boîte momentanément indisponible" }) => {
      failures = { count, reply };
    },
    refuse: (address, reply) => refused.set(address.toLowerCase(), reply),
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline) throw new Error(`the expected mail did not arrive within ${timeoutMs} ms (${messages.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
