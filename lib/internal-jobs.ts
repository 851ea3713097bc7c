import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import type { JobName, JobResult } from "@/lib/jobs/names";
import { getServerSecret } from "@/lib/secret";

// Who may run a job through POST /api/cron/<job>: a cron service holding CRON_SECRET, or Carnet itself
// (the web server's timers over loopback, `npm run worker`) with a token derived from the server's secret.
// Jobs that must expire cached pages run in that route: only a request inside Next can revalidate.

export function internalJobToken(job: JobName): string {
  return createHmac("sha256", getServerSecret()).update(`internal-job:${job}`).digest("base64url");
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries `Authorization: Bearer <CRON_SECRET>` or Carnet's own token for `job`. */
export function isAuthorizedJobRequest(request: Request, job: JobName): boolean {
  const match = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  const token = match[1];
  return (env.CRON_SECRET !== undefined && sameText(token, env.CRON_SECRET)) || sameText(token, internalJobToken(job));
}

/** Runs a job in a Carnet server (this one's PORT by default, or CARNET_SERVER_URL) through its cron route. */
export async function callJobRoute(job: JobName, serverUrl = env.CARNET_SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`): Promise<JobResult> {
  const response = await fetch(new URL(`/api/cron/${job}`, serverUrl), { method: "POST", headers: { Authorization: `Bearer ${internalJobToken(job)}` } });
  if (!response.ok) throw new Error(`/api/cron/${job} a répondu ${response.status}`);
  return (await response.json()) as JobResult;
}
