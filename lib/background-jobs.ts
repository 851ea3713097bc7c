import { runInBackground } from "@/lib/db";
import { env } from "@/lib/env";
import { startImportWorker } from "@/lib/import/worker";
import { callJobRoute } from "@/lib/internal-jobs";
import { JOB_INTERVAL_MS } from "@/lib/jobs/names";
import { underLock } from "@/lib/jobs/lock";
import { purgeExpiredRows } from "@/lib/jobs/purge";
import { logger } from "@/lib/log";
import { createSmtpTransport } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const globalJobs = globalThis as unknown as { carnetJobsStarted?: boolean };

/**
 * The periodic jobs on timers of this server (unless JOBS=off, when `npm run worker` or a cron service
 * runs them): scheduled posts through the server's own cron route (it expires their pages, which needs a
 * request), expired rows purged directly, the import worker, and the outbox worker (unless OUTBOX_WORKER=off). The views
 * in memory are written by the view counter itself.
 */
export function startBackgroundJobs(): void {
  if (globalJobs.carnetJobsStarted || env.JOBS === "off") return;
  globalJobs.carnetJobsStarted = true;
  const every = (intervalMs: number, work: () => Promise<unknown>, job: string) =>
    setInterval(() => void work().catch((error: unknown) => logger.error({ err: error, job }, "job failed")), intervalMs).unref();
  every(JOB_INTERVAL_MS["publish-scheduled"], () => callJobRoute("publish-scheduled"), "publish-scheduled");
  every(JOB_INTERVAL_MS["purge-expired"], () => runInBackground(() => underLock("purge-expired", () => purgeExpiredRows())), "purge-expired");
  startImportWorker();
  const transport = createSmtpTransport();
  if (env.OUTBOX_WORKER === "on" && transport) {
    const worker = runInBackground(() => startOutboxWorker(transport));
    const stop = () => void worker.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
}
