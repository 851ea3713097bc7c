import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { categories, posts } from "@/lib/db/schema";

/** A blog's categories with how many posts (any status) use each, by name. */
export async function listCategoriesForAdmin(blogId: number): Promise<{ id: number; slug: string; name: string; postCount: number }[]> {
  // A join, not a correlated subquery: drizzle writes a subquery's columns unqualified, and there
  // "id" was the post's own, so every category counted no post.
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      postCount: sql<number>`count(${posts.id})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(posts, and(eq(posts.categoryId, categories.id), eq(posts.blogId, categories.blogId)))
    .where(eq(categories.blogId, blogId))
    .groupBy(categories.id)
    .orderBy(sql`${categories.name} collate nocase`);
}
