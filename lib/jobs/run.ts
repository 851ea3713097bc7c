import { createSmtpTransport } from "@/lib/mail/transport";
import { drainOutbox } from "@/lib/mail/worker";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { publishDuePosts, type PublishedPostRef } from "@/lib/posts/scheduler";
import { getViewCounter } from "@/lib/stats/record-beacon";
import { underLock } from "./lock";
import type { JobName, JobResult } from "./names";
import { purgeExpiredRows } from "./purge";

// A run of a job once, wherever it is triggered from. Each is idempotent and safe on several instances
// at once: publishing and purging take a lock in the database for their run (a second instance skips
// its turn), the outbox claims each message with an expiring lock, and each server writes the views it
// holds in its own memory (and, with REDIS_URL, the views waiting in Redis, which one flush takes at once).

export type JobContext = {
  /** Expires the cached pages of a post just published: only a request inside Next can (the cron route). */
  expirePostPages: (post: PublishedPostRef & { public: true }) => void;
  /** How long a run of the outbox may send before it returns (a cron host bounds a request's time). */
  outboxBudgetMs?: number;
  now?: () => number;
};

export async function runJob(job: JobName, context: JobContext): Promise<JobResult> {
  const now = context.now ?? Date.now;
  switch (job) {
    case "publish-scheduled":
      return underLock(job, async () => {
        const published = await publishDuePosts({ now: now(), afterPublish: queuePostForSubscribers });
        for (const post of published) context.expirePostPages({ ...post, public: true });
        return published.length;
      });
    case "send-outbox": {
      const transport = createSmtpTransport();
      if (!transport) return { job, ran: false, count: 0 };
      const deadline = now() + (context.outboxBudgetMs ?? 25_000);
      try {
        return { job, ran: true, count: await drainOutbox(transport, { shouldStop: () => now() > deadline, now }) };
      } finally {
        transport.close();
      }
    }
    case "flush-views":
      return { job, ran: true, count: await getViewCounter().flush() };
    case "purge-expired":
      return underLock(job, () => purgeExpiredRows(now()));
  }
}
