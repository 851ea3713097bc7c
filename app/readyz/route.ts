import { checkReadiness, readinessResponse } from "@/lib/health";

// Ready to serve: the database answers and is migrated for this build (503 otherwise).
export const dynamic = "force-dynamic";

export async function GET() {
  const { status, body } = readinessResponse(await checkReadiness());
  return new Response(body, { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
