import { lt } from "drizzle-orm";
import { db } from "@/lib/db";
import { verificationTokens } from "@/lib/db/schema";
import { purgeExpiredRateLimits } from "@/lib/rate-limit";

// No "server-only" here: `npm run worker` runs this outside Next.

/** Deletes rows that no longer mean anything: rate-limit windows that are over, expired sign-in links. */
export async function purgeExpiredRows(now = Date.now()): Promise<number> {
  const limits = await purgeExpiredRateLimits(now);
  const tokens = await db.delete(verificationTokens).where(lt(verificationTokens.expires, new Date(now)));
  return limits + tokens.rowsAffected;
}
