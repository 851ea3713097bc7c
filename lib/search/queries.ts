import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { posts } from "@/lib/db/schema";
import { MARK_END, MARK_START, snippetToHtml } from "./query";

export type SearchResult = {
  id: number;
  slug: string;
  title: string;
  publishedAt: number;
  /** Escaped text with the matched words in <mark>. */
  snippetHtml: string;
};

// Weights of the indexed columns for ranking: a word in the title counts most, then the excerpt.
const RANK = sql.raw("bm25(post_search, 10.0, 4.0, 1.0)");

/**
 * A page of a blog's published posts matching an FTS5 expression built by parseSearchQuery (never raw
 * input), best first, with a highlighted snippet each, and the total for pagination.
 */
export async function searchPublishedPosts(input: {
  blogId: number;
  match: string;
  page: number;
  pageSize: number;
}): Promise<{ results: SearchResult[]; total: number }> {
  const where = sql`post_search match ${input.match} and ${posts.blogId} = ${input.blogId} and ${posts.status} = 'published'`;
  const [rows, totals] = await Promise.all([
    db.all<{ id: number; slug: string; title: string; publishedAt: number; snippet: string }>(sql`
      select ${posts.id} as id, ${posts.slug} as slug, ${posts.title} as title, ${posts.publishedAt} as publishedAt,
        snippet(post_search, -1, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
      from post_search join ${posts} on ${posts.id} = post_search.rowid
      where ${where}
      order by ${RANK}, ${posts.publishedAt} desc
      limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`),
    db.all<{ total: number }>(sql`
      select count(*) as total from post_search join ${posts} on ${posts.id} = post_search.rowid where ${where}`),
  ]);
  return {
    results: rows.map((row) => ({
      id: Number(row.id),
      slug: row.slug,
      title: row.title,
      publishedAt: Number(row.publishedAt),
      snippetHtml: snippetToHtml(row.snippet ?? ""),
    })),
    total: Number(totals[0]?.total ?? 0),
  };
}
