import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import type { JobName, JobResult } from "@/lib/jobs/names";
import { getServerSecret } from "@/lib/secret";

// Who may run a job through POST /api/cron/<job>: a cron service holding CRON_SECRET, or Carnet itself
// (the web server's timers over loopback, `npm run worker`) with a token derived from the server's secret.
// Jobs that must expire cached pages run in that route: only a request inside Next can revalidate.

/** What Carnet asks of its own server over loopback: a periodic job, or the end of an import (its pages to expire). */
type InternalTask = JobName | "import-done";

export function internalJobToken(task: InternalTask): string {
  return createHmac("sha256", getServerSecret()).update(`internal-job:${task}`).digest("base64url");
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(request: Request): string | undefined {
  return /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
}

/** Whether the request carries Carnet's own token for `task` (routes that only Carnet itself calls). */
export function isInternalRequest(request: Request, task: InternalTask): boolean {
  const token = bearerToken(request);
  return token !== undefined && sameText(token, internalJobToken(task));
}

/** Whether the request carries `Authorization: Bearer <CRON_SECRET>` or Carnet's own token for `job`. */
export function isAuthorizedJobRequest(request: Request, job: JobName): boolean {
  const token = bearerToken(request);
  return token !== undefined && ((env.CRON_SECRET !== undefined && sameText(token, env.CRON_SECRET)) || isInternalRequest(request, job));
}

/** POSTs to one of Carnet's own routes in a Carnet server (this one's PORT by default, or CARNET_SERVER_URL), with its token. */
export async function callInternalRoute(task: InternalTask, path: string, serverUrl = env.CARNET_SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`): Promise<unknown> {
  const response = await fetch(new URL(path, serverUrl), { method: "POST", headers: { Authorization: `Bearer ${internalJobToken(task)}` } });
  if (!response.ok) throw new Error(`${path} a répondu ${response.status}`);
  return response.json();
}

/** Runs a job in a Carnet server through its cron route. */
export async function callJobRoute(job: JobName, serverUrl?: string): Promise<JobResult> {
  return (await callInternalRoute(job, `/api/cron/${job}`, serverUrl)) as JobResult;
}
