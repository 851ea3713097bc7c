import { createHmac, timingSafeEqual } from "node:crypto";
import { getServerSecret } from "@/lib/secret";

// Timers of the server cannot revalidate caches (that needs a request): they call the server's own
// internal routes over loopback, proving who they are with this token.

export function internalJobToken(job: string): string {
  return createHmac("sha256", getServerSecret()).update(`internal-job:${job}`).digest("base64url");
}

export function isInternalJobRequest(request: Request, job: string): boolean {
  const given = Buffer.from(request.headers.get("x-carnet-job") ?? "");
  const expected = Buffer.from(internalJobToken(job));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Calls an internal job route of this very server (PORT), from a timer. */
export async function callInternalJob(job: string, path: string): Promise<void> {
  const port = process.env.PORT ?? "3000";
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "x-carnet-job": internalJobToken(job) } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
}
