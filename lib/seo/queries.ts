import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, categories, posts } from "@/lib/db/schema";

/** A sitemap holds at most 50 000 addresses (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

export type SitemapEntries = {
  posts: { slug: string; publishedAt: number; updatedAt: number }[];
  categories: { slug: string; lastPublishedAt: number }[];
};

/** What a blog's sitemap lists: its published posts and the categories that have some. */
export async function listSitemapEntries(blogId: number): Promise<SitemapEntries> {
  const published = and(eq(posts.blogId, blogId), eq(posts.status, "published"));
  const [postRows, categoryRows] = await Promise.all([
    db
      .select({ slug: posts.slug, publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number), updatedAt: posts.updatedAt })
      .from(posts)
      .where(published)
      .orderBy(desc(posts.publishedAt))
      .limit(SITEMAP_LIMIT - 1000),
    db
      .select({ slug: categories.slug, lastPublishedAt: sql<number>`max(${posts.publishedAt})`.mapWith(Number) })
      .from(categories)
      .innerJoin(posts, and(eq(posts.categoryId, categories.id), published))
      .where(eq(categories.blogId, blogId))
      .groupBy(categories.id)
      .orderBy(asc(categories.slug))
      .limit(500),
  ]);
  return { posts: postRows, categories: categoryRows };
}

/** Every blog with its latest publication, for the platform's sitemap index. */
export async function listBlogsForSitemapIndex(): Promise<{ slug: string; lastPublishedAt: number | null }[]> {
  return db
    .select({ slug: blogs.slug, lastPublishedAt: sql<number | null>`max(${posts.publishedAt})` })
    .from(blogs)
    .leftJoin(posts, and(eq(posts.blogId, blogs.id), eq(posts.status, "published")))
    .groupBy(blogs.id)
    .orderBy(asc(blogs.id))
    .limit(SITEMAP_LIMIT);
}
