import "server-only";
import { and, count, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { subscribers } from "@/lib/db/schema";

/** How many addresses have confirmed their subscription to a blog (pending and unsubscribed do not count). */
export async function countConfirmedSubscribers(blogId: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(subscribers)
    .where(and(eq(subscribers.blogId, blogId), eq(subscribers.status, "confirmed")));
  return row?.total ?? 0;
}
