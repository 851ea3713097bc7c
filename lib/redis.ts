import { createClient } from "@redis/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// The Redis that several instances share (REDIS_URL), for what must be the same whichever instance
// answers: the readers already counted today and the views not written yet (lib/stats/shared-views.ts).
// Next's page cache reaches the same Redis through its own client (lib/cache/next-cache-handler.mjs).
//
// Redis is a help, never a condition: a command never waits for a connection that is down (no offline
// queue), the caller then falls back to this instance's memory, and the client reconnects by itself.

/** A client that never queues a command while disconnected, says once when Redis goes away and comes back, and reconnects by itself. */
export function createRedisClient(url: string) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    pingInterval: 5_000,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, "Redis injoignable : cette instance compte les vues dans sa mémoire en attendant");
  });
  client.on("ready", () => {
    if (down) logger.info("Redis de nouveau joignable");
    down = false;
  });
  return client;
}

export type SharedRedis = ReturnType<typeof createRedisClient>;

const globalRedis = globalThis as unknown as { carnetRedis?: SharedRedis | null };

/** The shared Redis client, or null without REDIS_URL. Connected in the background: check `isReady`. */
export function sharedRedis(): SharedRedis | null {
  if (globalRedis.carnetRedis !== undefined) return globalRedis.carnetRedis;
  if (!env.REDIS_URL) {
    globalRedis.carnetRedis = null;
    return null;
  }
  const client = createRedisClient(env.REDIS_URL);
  client.connect().catch(() => undefined);
  globalRedis.carnetRedis = client;
  return client;
}
