// Next's cache of pages and data (ISR pages, cached reads, revalidateTag), chosen when the server starts,
// never when it is built: next.config.mjs names this file, and the same build serves with or without Redis.
//
// Without REDIS_URL (one instance), Next's own cache, as if no handler were named: in memory
// (isrFlushToDisk is off), or the host's shared cache where the host provides one (Vercel). With REDIS_URL (several instances), the cache lives in Redis
// (@fortedigital/nextjs-cache-handler): a page re-rendered or a tag revalidated by one instance is seen
// by every other at once. Each entry is also kept in this instance's memory (an LRU): when Redis is
// unreachable, pages are served from there or rendered, and the client reconnects by itself.
//
// Plain JavaScript: Next loads it at run time, outside its bundles.
import FileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { guardAgainstRacingRenders } from "./racing-renders.mjs";

const redisUrl = process.env.REDIS_URL;
// `next build` renders with whatever cache it is given: a build never writes into a deployment's Redis.
const building = process.env.NEXT_PHASE === "phase-production-build";

async function redisBackedHandler(url) {
  const { CacheHandler } = await import("@fortedigital/nextjs-cache-handler");
  const { default: createRedisHandler } = await import("@fortedigital/nextjs-cache-handler/redis-strings");
  const { default: createLruHandler } = await import("@fortedigital/nextjs-cache-handler/local-lru");
  const { createClient } = await import("@redis/client");
  CacheHandler.onCreation(({ buildId }) => {
    const client = createClient({
      url,
      // A command never waits for a connection that is down: the handler then reads this instance's memory.
      disableOfflineQueue: true,
      pingInterval: 5_000,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    let down = false;
    client.on("error", (error) => {
      if (!down) console.warn(`[cache] Redis injoignable, pages servies depuis la mémoire de cette instance : ${error?.message ?? error}`);
      down = true;
    });
    client.on("ready", () => {
      down = false;
    });
    client.connect().catch(() => undefined);
    return {
      handlers: [
        // Entries of another build never answer for this one (a deployment replaces every instance's build).
        createRedisHandler({ client, keyPrefix: `carnet:pages:${buildId ?? "sans-build"}:`, timeoutMs: 1_000 }),
        createLruHandler(),
      ],
    };
  });
  return CacheHandler;
}

/**
 * What Next uses when no handler is named: a host's own shared cache when it installed one (Vercel puts
 * it on globalThis before the first request), else its in-memory cache.
 */
class NextDefaultCache {
  constructor(context) {
    const Default = globalThis[Symbol.for("@next/cache-handlers")]?.FetchCache ?? FileSystemCache.default ?? FileSystemCache;
    return new Default(context);
  }
}

// Either way, a render overtaken by a publication is not kept as fresh (racing-renders.mjs).
const Handler = guardAgainstRacingRenders(redisUrl && !building ? await redisBackedHandler(redisUrl) : NextDefaultCache);

export default Handler;
