import { claimDueEmails, markFailedAttempt, markSent, releaseClaims, renewClaim, type ClaimedEmail } from "./outbox";
import { mailDomain, mailFrom, SMTP_CONNECTIONS, type MailTransport } from "./transport";

const BATCH = 50;

export type DrainOptions = {
  /** Checked before each message: a stopping worker finishes the messages in flight and gives the rest back. */
  shouldStop?: () => boolean;
  /** The clock (tests move it forward to reach retries and expired locks). */
  now?: () => number;
  batchSize?: number;
  /** Messages sent at once: as many as the pooled transport has connections. */
  concurrency?: number;
};

/** An SMTP refusal that no retry will change (5xx: unknown mailbox, message rejected). */
function isPermanentRefusal(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "responseCode" in error ? Number(error.responseCode) : NaN;
  return code >= 500 && code < 600;
}

/** The message as handed to SMTP; the same outbox row always gets the same Message-ID. */
export function smtpMessage(email: ClaimedEmail) {
  return {
    from: mailFrom(),
    to: email.toAddress,
    subject: email.subject,
    text: email.textBody,
    html: email.htmlBody ?? undefined,
    headers: email.headers ?? undefined,
    // A receiver can drop a repeat: the same message keeps the same id across retries.
    messageId: `<${email.key.replace(/[^a-zA-Z0-9.-]/g, ".")}@${mailDomain()}>`,
  };
}

async function sendOne(transport: MailTransport, claimed: ClaimedEmail, now: () => number): Promise<"sent" | "failed" | "skipped"> {
  // Another worker may have taken the message over since the batch was claimed: then it is theirs.
  const email = await renewClaim(claimed, now());
  if (!email) return "skipped";
  try {
    await transport.sendMail(smtpMessage(email));
  } catch (error) {
    await markFailedAttempt(email, error instanceof Error ? error.message : String(error), { permanent: isPermanentRefusal(error), now: now() });
    return "failed";
  }
  await markSent(email.id, now());
  return "sent";
}

/**
 * Sends what is due in the outbox, batch after batch, until nothing is due or the worker is told to
 * stop. Returns how many messages were sent.
 */
export async function drainOutbox(transport: MailTransport, options: DrainOptions = {}): Promise<number> {
  const now = options.now ?? Date.now;
  const stopping = options.shouldStop ?? (() => false);
  const concurrency = options.concurrency ?? SMTP_CONNECTIONS;
  let sent = 0;
  while (!stopping()) {
    const batch = await claimDueEmails(options.batchSize ?? BATCH, now());
    if (batch.length === 0) break;
    let next = 0;
    const lane = async () => {
      while (next < batch.length && !stopping()) {
        const email = batch[next++];
        if (email && (await sendOne(transport, email, now)) === "sent") sent += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    // Stopped mid-batch: the messages not yet tried go back to the queue for the next start.
    if (next < batch.length) await releaseClaims(batch.slice(next));
  }
  return sent;
}

export type OutboxWorker = { stop: () => Promise<void> };

/** Polls the outbox every `intervalMs` and sends what is due; stop() lets the messages in flight finish. */
export function startOutboxWorker(transport: MailTransport, intervalMs = 2000, options: Omit<DrainOptions, "shouldStop"> = {}): OutboxWorker {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = drainOutbox(transport, { ...options, shouldStop: () => stopping })
      .catch((error: unknown) => console.error("[outbox]", error))
      .finally(() => {
        if (!stopping) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
