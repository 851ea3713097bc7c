// `npm run worker`: Carnet's periodic jobs in a process of their own, for operators who run the web
// servers with JOBS=off (or OUTBOX_WORKER=off): the outbox worker, the purge of expired rows, and the
// publication of scheduled posts, which goes through a web server's cron route (CARNET_SERVER_URL)
// because only a request inside Next can expire the cached pages of a post.
import { env } from "@/lib/env";
import { callJobRoute } from "@/lib/internal-jobs";
import { JOB_INTERVAL_MS } from "@/lib/jobs/names";
import { underLock } from "@/lib/jobs/lock";
import { purgeExpiredRows } from "@/lib/jobs/purge";
import { logger } from "@/lib/log";
import { createSmtpTransport } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const timers = [
  setInterval(() => void callJobRoute("publish-scheduled").catch((error: unknown) => logger.error({ err: error, job: "publish-scheduled" }, "job failed")), JOB_INTERVAL_MS["publish-scheduled"]),
  setInterval(
    () => void underLock("purge-expired", () => purgeExpiredRows()).catch((error: unknown) => logger.error({ err: error, job: "purge-expired" }, "job failed")),
    JOB_INTERVAL_MS["purge-expired"],
  ),
];
const transport = createSmtpTransport();
const outbox = transport ? startOutboxWorker(transport) : null;
if (!outbox) logger.warn("SMTP_URL is not set: mail stays in the outbox");
logger.info({ server: env.CARNET_SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`, outbox: outbox !== null }, "worker started");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const timer of timers) clearInterval(timer);
    void (outbox?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  });
}
