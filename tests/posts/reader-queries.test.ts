import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { listApprovedComments } from "@/lib/comments/queries";
import { db, dbClient } from "@/lib/db";
import { comments, posts, subscribers } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, seedDemoBlog } from "@/lib/demo/seed";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";
import { articlePath } from "@/lib/posts/paths";
import {
  countPublishedPostsByMonth,
  getPublishedPost,
  listCategoriesWithCounts,
  listPublishedPosts,
  listRecentPostsAcrossBlogs,
} from "@/lib/posts/queries";
import { getBlogViewTotal } from "@/lib/stats/queries";

let blogId = 0;

beforeAll(async () => {
  await seedDemoBlog();
  const blog = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!blog) throw new Error("demo blog missing");
  blogId = blog.id;
  // A draft and a scheduled post that readers must never see.
  const now = Date.now();
  await db.insert(posts).values([
    { blogId, slug: "brouillon-secret", title: "Brouillon secret", status: "draft", updatedAt: now, categoryId: null },
    { blogId, slug: "programme-plus-tard", title: "Programmé plus tard", status: "scheduled", publishedAt: now + 86_400_000, updatedAt: now },
  ]);
});

describe("reader queries on the demo blog", () => {
  it("lists published posts newest first, ten to a page, with the total", async () => {
    const first = await listPublishedPosts({ blogId, page: 1, pageSize: 10 });
    expect(first.total).toBe(17);
    expect(first.posts).toHaveLength(10);
    const dates = first.posts.map((post) => post.publishedAt);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const second = await listPublishedPosts({ blogId, page: 2, pageSize: 10 });
    expect(second.posts).toHaveLength(7);
    expect(second.posts.map((post) => post.id)).not.toContain(first.posts[0]?.id);
  });

  it("never lists or returns drafts and scheduled posts", async () => {
    const all = await listPublishedPosts({ blogId, page: 1, pageSize: 100 });
    expect(all.posts.map((post) => post.slug)).not.toContain("brouillon-secret");
    expect(all.posts.map((post) => post.slug)).not.toContain("programme-plus-tard");
    expect(await getPublishedPost({ blogId, slug: "brouillon-secret" })).toBeNull();
    expect(await getPublishedPost({ blogId, slug: "programme-plus-tard" })).toBeNull();
  });

  it("returns the 24 June 2012 article with its author, category, tags and rendered body", async () => {
    const post = await getPublishedPost({ blogId, slug: "reseaux-sociaux-entreprise-formation" });
    expect(post).not.toBeNull();
    expect(post?.authorName).toBe("Hélène Marchand");
    expect(post?.categoryName).toBe("Numérique");
    expect(post?.tags.map((tag) => tag.name)).toContain("réseaux sociaux");
    expect(post?.bodyHtml).toMatch(/<h2 id="[a-z-]+">/);
    expect(post?.bodyHtml).toContain('<img src="/static/demo/reseau-social-entreprise.svg"');
    expect(post?.commentCount).toBe(3);
    expect(articlePath(post!, "Europe/Paris")).toBe("/archives/2012/06/24/reseaux-sociaux-entreprise-formation");
  });

  it("counts only approved comments, and shows only those", async () => {
    const post = await getPublishedPost({ blogId, slug: "reseaux-sociaux-entreprise-formation" });
    if (!post) throw new Error("missing post");
    await db.insert(comments).values([
      { blogId, postId: post.id, authorName: "En attente", authorEmail: "a@example.org", body: "pas encore", status: "pending" },
      { blogId, postId: post.id, authorName: "Pourriel", authorEmail: "b@example.org", body: "achetez", status: "spam" },
    ]);
    const shown = await listApprovedComments({ blogId, postId: post.id });
    expect(shown.map((comment) => comment.authorName)).not.toContain("En attente");
    expect(shown.map((comment) => comment.authorName)).not.toContain("Pourriel");
    expect(shown).toHaveLength(3);
    expect(Object.keys(shown[0] ?? {})).not.toContain("authorEmail");
    expect((await getPublishedPost({ blogId, slug: post.slug }))?.commentCount).toBe(3);
  });

  it("groups the archive by month in the blog's time zone, with counts", async () => {
    const months = await countPublishedPostsByMonth(blogId, "Europe/Paris");
    expect(months.length).toBeGreaterThanOrEqual(6);
    expect(months).toContainEqual({ year: 2012, month: 6, count: 1 });
    expect(months.reduce((sum, month) => sum + month.count, 0)).toBe(17);
    expect(months[0]).toEqual({ year: 2013, month: 9, count: 1 });
  });

  it("counts a post of the night of a month's end in the month of the blog's time zone", async () => {
    const author = await db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.blogId, blogId)).limit(1);
    // 30 September 2013, 22:30 UTC: already 1 October in Paris, still September in New York.
    const [late] = await db
      .insert(posts)
      .values({ blogId, authorId: author[0]?.authorId ?? null, slug: "billet-de-minuit", title: "Billet de minuit", status: "published", publishedAt: Date.UTC(2013, 8, 30, 22, 30), updatedAt: Date.UTC(2013, 8, 30, 22, 30) })
      .returning({ id: posts.id });
    try {
      expect((await countPublishedPostsByMonth(blogId, "Europe/Paris"))[0]).toEqual({ year: 2013, month: 10, count: 1 });
      expect((await countPublishedPostsByMonth(blogId, "America/New_York"))[0]).toEqual({ year: 2013, month: 9, count: 2 });
    } finally {
      await db.delete(posts).where(eq(posts.id, late?.id ?? 0));
    }
  });

  it("counts published posts per category, not drafts", async () => {
    const draft = await db.select({ id: posts.id }).from(posts).where(eq(posts.slug, "brouillon-secret"));
    const categories = await listCategoriesWithCounts(blogId);
    const numerique = categories.find((category) => category.slug === "numerique");
    expect(numerique?.postCount).toBe(3);
    await db.update(posts).set({ categoryId: numerique?.id ?? null }).where(eq(posts.id, draft[0]?.id ?? 0));
    expect((await listCategoriesWithCounts(blogId)).find((category) => category.slug === "numerique")?.postCount).toBe(3);
  });

  it("counts each category on its blog's posts index, not through every published post of the platform", async () => {
    // The sidebar's categories are on every reader page: their count must follow the blog, not the platform.
    const { sql: query, params } = listCategoriesWithCounts(blogId).toSQL();
    const plan = await dbClient.execute({ sql: `explain query plan ${query}`, args: params as never });
    const steps = plan.rows.map((row) => String(row.detail));
    expect(steps).toContain("SEARCH post USING COVERING INDEX post_blog_category_idx (blog_id=? AND category_id=? AND status=?) LEFT-JOIN");
  });

  it("counts confirmed subscribers only", async () => {
    expect(await countConfirmedSubscribers(blogId)).toBe(49);
    await db.insert(subscribers).values({ blogId, email: "nouvelle@example.org", status: "pending" });
    expect(await countConfirmedSubscribers(blogId)).toBe(49);
    await db.update(subscribers).set({ status: "confirmed" }).where(eq(subscribers.email, "nouvelle@example.org"));
    expect(await countConfirmedSubscribers(blogId)).toBe(50);
  });

  it("reports the visitor total since creation", async () => {
    expect(await getBlogViewTotal(blogId)).toBe(2_783_472);
  });

  it("lists recent posts across blogs for the platform's home page, published only", async () => {
    const recent = await listRecentPostsAcrossBlogs(5);
    expect(recent).toHaveLength(5);
    expect(recent[0]?.blogSlug).toBe(DEMO_BLOG_SLUG);
    expect(recent.map((post) => post.slug)).not.toContain("programme-plus-tard");
  });
});

describe("the demo seed", () => {
  it("does nothing the second time", async () => {
    expect(await seedDemoBlog()).toBe(false);
    expect((await listPublishedPosts({ blogId, page: 1, pageSize: 100 })).total).toBe(17);
  });
});
