import { randomUUID } from "node:crypto";
import { dbClient } from "@/lib/db";
import { releaseLock, tryLock } from "@/lib/db/locks";
import type { JobName, JobResult } from "./names";

// Longer than a run can take; an instance that dies holding a job's lock frees it after this.
const JOB_LOCK_MS = 5 * 60_000;

/** Runs `work` unless another instance is running the same job (then reports that nothing ran here). */
export async function underLock(job: JobName, work: () => Promise<number>): Promise<JobResult> {
  const holder = randomUUID();
  if (!(await tryLock(dbClient, `job:${job}`, holder, JOB_LOCK_MS))) return { job, ran: false, count: 0 };
  try {
    return { job, ran: true, count: await work() };
  } finally {
    await releaseLock(dbClient, `job:${job}`, holder);
  }
}
