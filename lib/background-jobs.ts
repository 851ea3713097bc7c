import { runInBackground } from "@/lib/db";
import { env } from "@/lib/env";
import { createSmtpTransport } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const globalJobs = globalThis as unknown as { carnetJobsStarted?: boolean };

/** Background work of a server instance: the outbox worker (unless it runs apart). */
export function startBackgroundJobs(): void {
  if (globalJobs.carnetJobsStarted) return;
  globalJobs.carnetJobsStarted = true;
  const transport = createSmtpTransport();
  if (env.OUTBOX_WORKER === "on" && transport) {
    const worker = runInBackground(() => startOutboxWorker(transport));
    const stop = () => void worker.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
}
