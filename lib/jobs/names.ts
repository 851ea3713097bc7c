// Carnet's periodic jobs, each one function (lib/jobs/run.ts) that runs three ways: on a timer of the
// web server (the default), in `npm run worker`, or when a cron service calls POST /api/cron/<job>.

export const JOB_NAMES = ["publish-scheduled", "send-outbox", "flush-views", "purge-expired"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}

/** How often the timers run each job (the outbox worker polls on its own, every 2 s). */
export const JOB_INTERVAL_MS: Record<Exclude<JobName, "send-outbox" | "flush-views">, number> = {
  "publish-scheduled": 15_000,
  "purge-expired": 60 * 60_000,
};

export type JobResult = {
  job: JobName;
  /** False when another instance was running the same job (its lock is held): nothing was done here. */
  ran: boolean;
  /** Posts published, messages sent, views written, rows purged. */
  count: number;
};
