import { describe, expect, it } from "vitest";
import { listCategoriesForAdmin } from "@/lib/categories/queries";
import { db } from "@/lib/db";
import { categories, posts } from "@/lib/db/schema";
import { makeBlog, makeUser } from "../helpers/fixtures";

describe("the administration's list of categories", () => {
  it("counts each category's posts, whatever their status, and only the blog's own", async () => {
    const owner = await makeUser();
    const blog = await makeBlog(owner);
    const other = await makeBlog(owner);
    const [voyages, cuisine] = await db
      .insert(categories)
      .values([
        { blogId: blog.id, slug: "voyages", name: "Voyages" },
        { blogId: blog.id, slug: "cuisine", name: "Cuisine" },
      ])
      .returning({ id: categories.id });
    const now = Date.now();
    const post = (blogId: number, slug: string, categoryId: number, status: "draft" | "published") => ({ blogId, slug, title: slug, status, categoryId, publishedAt: status === "published" ? now : null, updatedAt: now });
    await db.insert(posts).values([post(blog.id, "un", voyages!.id, "published"), post(blog.id, "deux", voyages!.id, "draft"), post(blog.id, "trois", cuisine!.id, "published")]);
    expect(await listCategoriesForAdmin(blog.id)).toMatchObject([
      { name: "Cuisine", postCount: 1 },
      { name: "Voyages", postCount: 2 },
    ]);
    expect(await listCategoriesForAdmin(other.id)).toEqual([]);
  });
});
