import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { db } from "@/lib/db";
import { posts } from "@/lib/db/schema";

export type PublishedPostRef = { blogId: number; postId: number };

/**
 * Publishes the scheduled posts whose time has come, each in its own transaction (where `afterPublish`
 * queues its newsletter). The status condition in the UPDATE makes two concurrent runs publish a post once.
 */
export async function publishDuePosts(options: {
  now?: number;
  afterPublish?: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], post: PublishedPostRef) => Promise<unknown>;
} = {}): Promise<PublishedPostRef[]> {
  const now = options.now ?? Date.now();
  const due = await db
    .select({ postId: posts.id, blogId: posts.blogId })
    .from(posts)
    .where(and(eq(posts.status, "scheduled"), lte(posts.publishedAt, now)))
    .limit(200);
  const published: PublishedPostRef[] = [];
  for (const post of due) {
    const done = await db.transaction(async (tx) => {
      const updated = await tx
        .update(posts)
        .set({ status: "published", updatedAt: now })
        .where(and(eq(posts.id, post.postId), eq(posts.status, "scheduled"), lte(posts.publishedAt, now)))
        .returning({ id: posts.id });
      if (updated.length === 0) return false;
      if (options.afterPublish) await options.afterPublish(tx, post);
      return true;
    });
    if (done) published.push(post);
  }
  return published;
}
