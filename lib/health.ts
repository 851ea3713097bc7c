import { dbClient } from "@/lib/db";
import { readMigrationState } from "@/lib/db/migrate";

// /healthz: the process answers. /readyz: it can serve, i.e. its database answers and carries exactly
// the migrations of this build. Both are answered by lib/cli/serve.mjs before Next (and there /readyz
// turns 503 as soon as the server is asked to stop), and by the route handlers app/healthz and app/readyz
// under `next start`.

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Never throws: an unreachable database is an answer, not an error. */
export async function checkReadiness(): Promise<Readiness> {
  try {
    const state = await readMigrationState(dbClient);
    if (state.status === "current") return { ready: true };
    return { ready: false, reason: state.status === "behind" ? "database not migrated" : "database migrated by a newer build" };
  } catch {
    return { ready: false, reason: "database unreachable" };
  }
}

export function readinessResponse(readiness: Readiness): { status: number; body: string } {
  return { status: readiness.ready ? 200 : 503, body: `${JSON.stringify(readiness.ready ? { status: "ready" } : { status: "unavailable", reason: readiness.reason })}\n` };
}
