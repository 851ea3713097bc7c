import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { categories, posts, users } from "@/lib/db/schema";
import { carriesTag } from "@/lib/posts/queries";
import type { FeedPost } from "./build";

/** How many posts a feed carries, newest first. */
export const FEED_SIZE = 20;

/** A blog's (or one of its categories' or tags') newest published posts, with what a feed shows of them. */
export async function listFeedPosts(input: { blogId: number; categoryId?: number; tagId?: number; limit?: number }): Promise<FeedPost[]> {
  return db
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      excerpt: posts.excerpt,
      bodyHtml: posts.bodyHtml,
      publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number),
      updatedAt: posts.updatedAt,
      authorName: sql<string>`coalesce(${users.name}, '')`,
      categoryName: categories.name,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(
      and(
        eq(posts.blogId, input.blogId),
        eq(posts.status, "published"),
        input.categoryId === undefined ? undefined : eq(posts.categoryId, input.categoryId),
        input.tagId === undefined ? undefined : carriesTag(input.tagId),
      ),
    )
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(input.limit ?? FEED_SIZE);
}
