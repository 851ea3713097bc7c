import { revalidateTag } from "next/cache";
import { after } from "next/server";
import { blogViewsTag } from "@/lib/cache-tags";
import { BEACON_PIXEL } from "@/lib/stats/beacon";
import { getViewCounter, recordBeaconRequest, type BeaconOutcome } from "@/lib/stats/record-beacon";

// A blog page's view, reported by its script (POST) or its <noscript> pixel (GET). /api is not
// rewritten on blog hosts, so the beacon arrives on the blog's own host: same origin, no CORS.
// `npm start` answers most beacons before Next.js (lib/stats/beacon-fast-path.ts) and sends here the
// ones that must revalidate a blog's pages; `next dev` and other hosts send every beacon here.

function follow(outcome: BeaconOutcome) {
  if (outcome.refreshBlogId !== null) revalidateTag(blogViewsTag(outcome.refreshBlogId), "max");
  if (outcome.startFlushCycle) {
    const counter = getViewCounter();
    after(() => counter.runFlushCycle());
  }
}

export async function POST(request: Request) {
  follow(await recordBeaconRequest(request));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

export async function GET(request: Request) {
  follow(await recordBeaconRequest(request));
  return new Response(BEACON_PIXEL, { status: 200, headers: { "Content-Type": "image/gif", "Cache-Control": "no-store" } });
}
