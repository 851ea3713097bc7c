import { lte, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

/**
 * Counts one attempt under `key` in a fixed window, in the database so that every instance shares it.
 * Returns false once more than `limit` attempts were made in the window.
 */
export async function consumeRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<boolean> {
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt: now + windowMs })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= ${now} then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= ${now} then ${now + windowMs} else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return (row?.count ?? 1) <= limit;
}

/** Forgets the attempts under `key` (after a successful sign-in, say). */
export async function resetRateLimit(key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/**
 * Deletes the windows that are over (their counts no longer limit anyone): run by the server's
 * periodic jobs, so that the table holds only what is being counted. Returns how many went.
 */
export async function purgeExpiredRateLimits(now = Date.now()): Promise<number> {
  const result = await db.delete(rateLimits).where(lte(rateLimits.resetAt, now));
  return result.rowsAffected;
}
