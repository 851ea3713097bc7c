import { runInBackground } from "@/lib/db";
import { env } from "@/lib/env";
import { startImportWorker } from "@/lib/import/worker";
import { callInternalJob } from "@/lib/internal-jobs";
import { createSmtpTransport } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const globalJobs = globalThis as unknown as { carnetJobsStarted?: boolean };

const SCHEDULER_INTERVAL_MS = 15_000;

/** Background work of a server instance: the scheduled-post publisher, the import worker and the outbox worker (unless it runs apart). */
export function startBackgroundJobs(): void {
  if (globalJobs.carnetJobsStarted) return;
  globalJobs.carnetJobsStarted = true;
  const scheduler = setInterval(() => {
    callInternalJob("publish-due", "/api/internal/publier").catch((error: unknown) => console.error("[publication programmée]", error));
  }, SCHEDULER_INTERVAL_MS);
  scheduler.unref();
  startImportWorker();
  const transport = createSmtpTransport();
  if (env.OUTBOX_WORKER === "on" && transport) {
    const worker = runInBackground(() => startOutboxWorker(transport));
    const stop = () => void worker.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
}
