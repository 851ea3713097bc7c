import { claimDueEmails, markFailedAttempt, markSent } from "./outbox";
import { mailFrom, type MailTransport } from "./transport";

const BATCH = 50;

/** Sends what is due in the outbox, batch after batch, until nothing is due. Returns how many were sent. */
export async function drainOutbox(transport: MailTransport, options: { shouldStop?: () => boolean } = {}): Promise<number> {
  let sent = 0;
  for (;;) {
    if (options.shouldStop?.()) return sent;
    const batch = await claimDueEmails(BATCH);
    if (batch.length === 0) return sent;
    for (const email of batch) {
      if (options.shouldStop?.()) return sent;
      try {
        await transport.sendMail({
          from: mailFrom(),
          to: email.toAddress,
          subject: email.subject,
          text: email.textBody,
          html: email.htmlBody ?? undefined,
          headers: email.headers ?? undefined,
          // The same message keeps the same id across retries, so that a receiver can drop a repeat.
          messageId: `<${email.key.replace(/[^a-zA-Z0-9.-]/g, ".")}@carnet>`,
        });
        await markSent(email.id);
        sent += 1;
      } catch (error) {
        await markFailedAttempt(email, error instanceof Error ? error.message : String(error));
      }
    }
  }
}

export type OutboxWorker = { stop: () => Promise<void> };

/** Polls the outbox every `intervalMs` and sends what is due; stop() lets the current message finish. */
export function startOutboxWorker(transport: MailTransport, intervalMs = 2000): OutboxWorker {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = drainOutbox(transport, { shouldStop: () => stopping })
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
