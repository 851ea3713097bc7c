import "server-only";
import { and, eq } from "drizzle-orm";
import { getMemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { categories, posts } from "@/lib/db/schema";
import { slugify } from "@/lib/posts/slug";

export type CategoryOutcome = { ok: true; blogId: number } | { ok: false; reason: "forbidden" | "exists" | "invalid" };

// Any member may manage categories (authors file their posts in them); every write names the blog.

export async function createCategory(input: { userId: string; blogId: number; name: string }): Promise<CategoryOutcome> {
  const blog = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!blog) return { ok: false, reason: "forbidden" };
  const slug = slugify(input.name);
  if (!slug) return { ok: false, reason: "invalid" };
  const inserted = await db.insert(categories).values({ blogId: blog.id, slug, name: input.name }).onConflictDoNothing().returning({ id: categories.id });
  return inserted.length > 0 ? { ok: true, blogId: blog.id } : { ok: false, reason: "exists" };
}

export async function renameCategory(input: { userId: string; blogId: number; categoryId: number; name: string }): Promise<CategoryOutcome> {
  const blog = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!blog) return { ok: false, reason: "forbidden" };
  const slug = slugify(input.name);
  if (!slug) return { ok: false, reason: "invalid" };
  try {
    const updated = await db
      .update(categories)
      .set({ name: input.name, slug })
      .where(and(eq(categories.id, input.categoryId), eq(categories.blogId, blog.id)))
      .returning({ id: categories.id });
    return updated.length > 0 ? { ok: true, blogId: blog.id } : { ok: false, reason: "forbidden" };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "exists" };
    throw error;
  }
}

/** Deletes a category; its posts stay, without a category. */
export async function deleteCategory(input: { userId: string; blogId: number; categoryId: number }): Promise<CategoryOutcome> {
  const blog = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!blog) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx) => {
    await tx.update(posts).set({ categoryId: null }).where(and(eq(posts.categoryId, input.categoryId), eq(posts.blogId, blog.id)));
    const deleted = await tx.delete(categories).where(and(eq(categories.id, input.categoryId), eq(categories.blogId, blog.id))).returning({ id: categories.id });
    return deleted.length > 0 ? ({ ok: true, blogId: blog.id } as const) : ({ ok: false, reason: "forbidden" } as const);
  });
}
