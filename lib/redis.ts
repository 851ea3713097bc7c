import { createClient } from "@redis/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// The Redis that several instances share (REDIS_URL), for what must be the same whichever instance
// answers: the readers already counted today and the views not written yet (lib/stats/shared-views.ts).
// Next's page cache reaches the same Redis through its own client (lib/cache/next-cache-handler.mjs).
//
// Redis is a help, never a condition: a command never waits for a connection that is down (no offline
// queue), the caller then falls back to this instance's memory, and the client reconnects by itself.

// Settles when a client's first connection attempt has: the instance's first requests wait for it rather
// than fall back to memory while Redis is merely not connected yet (a reader would then count on every
// instance that had just started). A reconnection is never waited for.
const firstAttempts = new WeakMap<object, Promise<void>>();

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
  firstAttempts.set(
    client,
    new Promise<void>((resolve) => {
      client.once("ready", resolve);
      client.once("error", () => resolve());
    }),
  );
  return client;
}

/** Whether `client` can take a command: waits for its first connection (at most its connect timeout), never for a reconnection. */
export async function redisAnswers(client: SharedRedis): Promise<boolean> {
  if (!client.isReady && client.isOpen) await firstAttempts.get(client);
  return client.isReady;
}

export type SharedRedis = ReturnType<typeof createRedisClient>;

const globalRedis = globalThis as unknown as { carnetRedis?: SharedRedis | null };

/** The shared Redis client, or null without REDIS_URL. Connected in the background (from the server's start): ask `redisAnswers`. */
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
