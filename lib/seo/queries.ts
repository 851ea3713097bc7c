import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, categories, posts, postTags, tags } from "@/lib/db/schema";

/** A sitemap holds at most 50 000 addresses (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

// A blog's sitemap keeps room besides its posts for the home page and the months (1000, a few hundred
// months at most), the categories and the tags.
const SITEMAP_CATEGORIES = 500;
const SITEMAP_TAGS = 1000;

export type SitemapEntries = {
  posts: { slug: string; publishedAt: number; updatedAt: number }[];
  categories: { slug: string; lastPublishedAt: number }[];
  tags: { slug: string; lastPublishedAt: number }[];
};

/** What a blog's sitemap lists: its published posts, and the categories and tags that have some. */
export async function listSitemapEntries(blogId: number): Promise<SitemapEntries> {
  const published = and(eq(posts.blogId, blogId), eq(posts.status, "published"));
  const lastPublishedAt = sql<number>`max(${posts.publishedAt})`.mapWith(Number);
  const [postRows, categoryRows, tagRows] = await Promise.all([
    db
      .select({ slug: posts.slug, publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number), updatedAt: posts.updatedAt })
      .from(posts)
      .where(published)
      .orderBy(desc(posts.publishedAt))
      .limit(SITEMAP_LIMIT - 1000 - SITEMAP_CATEGORIES - SITEMAP_TAGS),
    db
      .select({ slug: categories.slug, lastPublishedAt })
      .from(categories)
      .innerJoin(posts, and(eq(posts.categoryId, categories.id), published))
      .where(eq(categories.blogId, blogId))
      .groupBy(categories.id)
      .orderBy(asc(categories.slug))
      .limit(SITEMAP_CATEGORIES),
    // An imported blog may carry thousands of tags: the ones most recently used are listed.
    db
      .select({ slug: tags.slug, lastPublishedAt })
      .from(tags)
      .innerJoin(postTags, eq(postTags.tagId, tags.id))
      .innerJoin(posts, and(eq(posts.id, postTags.postId), published))
      .where(eq(tags.blogId, blogId))
      .groupBy(tags.id)
      .orderBy(desc(lastPublishedAt), asc(tags.slug))
      .limit(SITEMAP_TAGS),
  ]);
  return { posts: postRows, categories: categoryRows, tags: tagRows };
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
