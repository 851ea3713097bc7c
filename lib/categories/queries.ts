import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { categories, posts } from "@/lib/db/schema";

/** A blog's categories with how many posts (any status) use each, by name. */
export async function listCategoriesForAdmin(blogId: number): Promise<{ id: number; slug: string; name: string; postCount: number }[]> {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      postCount: sql<number>`(select count(*) from ${posts} where ${posts.categoryId} = ${categories.id})`.mapWith(Number),
    })
    .from(categories)
    .where(eq(categories.blogId, blogId))
    .orderBy(sql`${categories.name} collate nocase`);
}
