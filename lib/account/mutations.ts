import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { blogPostsTag, postTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { blogMembers, posts, users } from "@/lib/db/schema";

/**
 * Changes the name shown under a person's posts and comments' replies; returns the cache tags of the
 * reader pages that show it (their posts, and the listings of the blogs they belong to).
 */
export async function setDisplayName(input: { userId: string; name: string }): Promise<string[]> {
  const tags = await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, input.userId));
    const [written, memberships] = await Promise.all([
      tx.select({ id: posts.id }).from(posts).where(and(eq(posts.authorId, input.userId), isNotNull(posts.publishedAt))),
      tx.select({ blogId: blogMembers.blogId }).from(blogMembers).where(eq(blogMembers.userId, input.userId)),
    ]);
    return [...written.map((post) => postTag(post.id)), ...memberships.map((member) => blogPostsTag(member.blogId))];
  });
  return tags;
}
