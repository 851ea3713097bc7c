import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db";
import { oldAddresses, posts } from "@/lib/db/schema";
import { feedPath } from "@/lib/feeds/paths";
import { normalizeOldPath } from "./old-paths";

// The feed addresses of WordPress, Canalblog, Blogger and Over-blog, and where Carnet has them.
const OLD_FEEDS: Record<string, string> = {
  "/feed": feedPath("rss"),
  "/feed/rss2": feedPath("rss"),
  "/feed/rss": feedPath("rss"),
  "/rss": feedPath("rss"),
  "/rss.xml": feedPath("rss"),
  "/rss2": feedPath("rss"),
  "/index.rss": feedPath("rss"),
  "/?feed=rss2": feedPath("rss"),
  "/?feed=rss": feedPath("rss"),
  "/feeds/posts/default": feedPath("atom"),
  "/feed/atom": feedPath("atom"),
  "/atom": feedPath("atom"),
  "/atom.xml": feedPath("atom"),
  "/?feed=atom": feedPath("atom"),
};

/** The blog's feed an old feed address stands for, or null. */
export function feedForOldPath(path: string): string | null {
  return OLD_FEEDS[normalizeOldPath(path).toLowerCase()] ?? null;
}

/**
 * The published post an old address of a blog leads to (its slug and date, to build the new address),
 * or null. `paths` are the forms the request may have had (with and without ".html").
 */
export async function findPostByOldAddress(input: { blogId: number; paths: string[] }): Promise<{ slug: string; publishedAt: number } | null> {
  const candidates = [...new Set(input.paths.map(normalizeOldPath))];
  const [row] = await db
    .select({ slug: posts.slug, publishedAt: posts.publishedAt })
    .from(oldAddresses)
    .innerJoin(posts, and(eq(posts.id, oldAddresses.postId), eq(posts.blogId, oldAddresses.blogId)))
    .where(and(eq(oldAddresses.blogId, input.blogId), inArray(oldAddresses.path, candidates), eq(posts.status, "published")))
    .limit(1);
  return row?.publishedAt ? { slug: row.slug, publishedAt: row.publishedAt } : null;
}
