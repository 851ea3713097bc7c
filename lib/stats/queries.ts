import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogViewTotals } from "@/lib/db/schema";

/** A blog's page views since it was created. */
export async function getBlogViewTotal(blogId: number): Promise<number> {
  const [row] = await db.select({ views: blogViewTotals.views }).from(blogViewTotals).where(eq(blogViewTotals.blogId, blogId));
  return row?.views ?? 0;
}
