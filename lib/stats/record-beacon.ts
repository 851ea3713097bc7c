import { hashClient } from "@/lib/client-id";
import { env } from "@/lib/env";
import { sharedRedis } from "@/lib/redis";
import { MAX_BEACON_BODY, readBeacon, type BeaconRejection, type HeaderReader } from "./beacon";
import { saveViewBatch } from "./save-views";
import { redisViewStore } from "./shared-views";
import { utcDay, ViewCounter } from "./view-counter";
import { findBlogId, findPublishedPostId } from "./view-targets";

// Counting a beacon: used by the route handler (app/api/beacon) and by the production server's fast
// path (lib/cli/serve.mjs), which runs outside Next's bundles: no "server-only" in this module.

/** Views wait this long in memory before they are written. */
export const FLUSH_INTERVAL_MS = 5_000;
/** A blog's cached pages learn its new visitor total at most this often (the sidebar may lag that much). */
export const REFRESH_INTERVAL_MS = 60_000;
const MAX_REMEMBERED_READERS = 200_000;

// One counter per server process, shared by every route bundle and the fast path.
const globalCounter = globalThis as unknown as { carnetViewCounter?: ViewCounter };

export function getViewCounter(): ViewCounter {
  if (!globalCounter.carnetViewCounter) {
    const redis = sharedRedis();
    const counter = new ViewCounter({
      save: saveViewBatch,
      shared: redis ? redisViewStore(redis) : null,
      flushIntervalMs: FLUSH_INTERVAL_MS,
      refreshIntervalMs: REFRESH_INTERVAL_MS,
      maxRemembered: MAX_REMEMBERED_READERS,
    });
    // `next start` finishes pending after() work before it exits on these signals (and lib/cli/serve.mjs
    // drains the counter itself): stop() makes the running write cycle write at once.
    process.once("SIGTERM", () => counter.stop());
    process.once("SIGINT", () => counter.stop());
    globalCounter.carnetViewCounter = counter;
  }
  return globalCounter.carnetViewCounter;
}

/** The body of a request, or null when it is longer than `max` bytes (never read further than that). */
export async function readCappedText(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type BeaconOutcome = {
  counted: boolean;
  /** Why the beacon was not counted. */
  reason: BeaconRejection | "duplicate" | "unknown-blog" | "unknown-post" | null;
  /** The caller must start `counter.runFlushCycle()` (inside after() in a route handler). */
  startFlushCycle: boolean;
  /** The caller must revalidate this blog's visitor-total tag (which needs a request scope). */
  refreshBlogId: number | null;
};

const rejected = (reason: BeaconOutcome["reason"], refreshBlogId: number | null = null): BeaconOutcome => ({
  counted: false,
  reason,
  startFlushCycle: false,
  refreshBlogId,
});

/**
 * Handles one beacon (`body` null when it was too large): counts it in memory when it is a person's
 * first view of this page today. The caller does what needs a request scope from the outcome.
 */
export async function recordBeacon(
  input: { method: "GET" | "POST"; headers: HeaderReader; body: string | null },
  options: { counter?: ViewCounter; rootDomain?: string; now?: number; canRefresh?: boolean } = {},
): Promise<BeaconOutcome> {
  const counter = options.counter ?? getViewCounter();
  const now = options.now ?? Date.now();
  if (input.body === null) return rejected("bad-body");
  const reading = readBeacon({ method: input.method, headers: input.headers, body: input.body, rootDomain: options.rootDomain ?? env.ROOT_DOMAIN });
  if (!reading.ok) return rejected(reading.reason);
  const { view } = reading;

  const blogId = await findBlogId(view.blogSlug);
  if (blogId === null) return rejected("unknown-blog");
  const refreshBlogId = options.canRefresh !== false && counter.takeRefresh(blogId) ? blogId : null;

  const day = utcDay(now);
  if (!(await counter.isFirstViewToday(`${hashClient(input.headers, day)}|${view.blogSlug}|${view.path}`, day))) {
    return rejected("duplicate", refreshBlogId);
  }
  let postId: number | null = null;
  if (view.page.kind === "article") {
    postId = await findPublishedPostId(blogId, view.page.postSlug);
    if (postId === null) return rejected("unknown-post", refreshBlogId);
  }
  const startFlushCycle = await counter.count({ blogId, postId, day, referrerDomain: view.referrerDomain });
  return { counted: true, reason: null, startFlushCycle, refreshBlogId };
}

/** recordBeacon for a web Request (the route handler). */
export async function recordBeaconRequest(request: Request, options: Parameters<typeof recordBeacon>[1] = {}): Promise<BeaconOutcome> {
  const method = request.method === "POST" ? "POST" : "GET";
  const body = method === "POST" ? await readCappedText(request, MAX_BEACON_BODY) : "";
  return recordBeacon({ method, headers: request.headers, body }, options);
}
