// The process is alive (an orchestrator restarts it when this stops answering). Nothing else is checked.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "alive" }, { headers: { "Cache-Control": "no-store" } });
}
