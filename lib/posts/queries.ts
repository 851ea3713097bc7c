import "server-only";
import { and, asc, count, desc, eq, exists, gt, gte, inArray, lt, max, min, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, categories, comments, media, postRevisions, posts, postTags, tags, users, type PostStatus } from "@/lib/db/schema";
import { zonedDateParts, zonedMonthRange } from "@/lib/i18n";
import { mediaPath } from "@/lib/media/format";
import type { ArchiveMonth } from "@/lib/posts/archive";

export type PostSummary = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: number;
  authorName: string;
  categoryName: string | null;
  categorySlug: string | null;
  commentCount: number;
};

export type PublishedPost = PostSummary & {
  bodyHtml: string;
  /** The cover image chosen in the editor: a path on the blog's host, and its alt text. */
  cover: { url: string; alt: string; width: number | null; height: number | null } | null;
  updatedAt: number;
  tags: { slug: string; name: string }[];
  /** What search engines and shared links show instead of the title and summary; null when not written. */
  seoTitle: string | null;
  seoDescription: string | null;
};

const isPublished = (blogId: number) => and(eq(posts.blogId, blogId), eq(posts.status, "published"));

/** The posts carrying a tag: read on the tag's index of post_tag. */
export const carriesTag = (tagId: number) => inArray(posts.id, db.select({ postId: postTags.postId }).from(postTags).where(eq(postTags.tagId, tagId)));

const approvedCommentCount = sql<number>`(
  select count(*) from ${comments}
  where ${comments.postId} = ${posts.id} and ${comments.status} = 'approved'
)`.mapWith(Number);

const summaryColumns = {
  id: posts.id,
  slug: posts.slug,
  title: posts.title,
  excerpt: posts.excerpt,
  publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number),
  authorName: sql<string>`coalesce(${users.name}, '')`,
  categoryName: categories.name,
  categorySlug: categories.slug,
  commentCount: approvedCommentCount,
};

/** A page of a blog's published posts, newest first, with the total for pagination. */
export async function listPublishedPosts(input: {
  blogId: number;
  page: number;
  pageSize: number;
  categoryId?: number;
  tagId?: number;
  range?: { start: number; end: number };
}): Promise<{ posts: PostSummary[]; total: number }> {
  const where = and(
    isPublished(input.blogId),
    input.categoryId === undefined ? undefined : eq(posts.categoryId, input.categoryId),
    input.tagId === undefined ? undefined : carriesTag(input.tagId),
    input.range ? gte(posts.publishedAt, input.range.start) : undefined,
    input.range ? lt(posts.publishedAt, input.range.end) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(posts)
      .leftJoin(users, eq(users.id, posts.authorId))
      .leftJoin(categories, eq(categories.id, posts.categoryId))
      .where(where)
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(posts).where(where),
  ]);
  return { posts: rows, total: totals?.total ?? 0 };
}

/** A published post of a blog by its slug, or null (drafts and scheduled posts are never returned). */
export async function getPublishedPost(input: { blogId: number; slug: string }): Promise<PublishedPost | null> {
  return selectPostPage(and(isPublished(input.blogId), eq(posts.slug, input.slug)), summaryColumns.publishedAt);
}

/**
 * The draft or scheduled post of a blog whose preview link carries `token`, as its page would show it
 * (a draft dated `now`), or null: no such link, another blog's, or a post already published (its own
 * address is the one to share then). Found through the token's unique index.
 */
export async function getPreviewPost(input: { blogId: number; token: string; now: number }): Promise<PublishedPost | null> {
  return selectPostPage(
    and(eq(posts.previewToken, input.token), eq(posts.blogId, input.blogId), inArray(posts.status, ["draft", "scheduled"])),
    sql<number>`coalesce(${posts.publishedAt}, ${input.now})`.mapWith(Number),
  );
}

/** One post as its page shows it: text, cover (one of the blog's own images), tags. */
async function selectPostPage(where: SQL | undefined, publishedAt: SQL<number>): Promise<PublishedPost | null> {
  const [post] = await db
    .select({
      ...summaryColumns,
      publishedAt,
      bodyHtml: posts.bodyHtml,
      updatedAt: posts.updatedAt,
      seoTitle: posts.seoTitle,
      seoDescription: posts.seoDescription,
      coverKey: media.storageKey,
      coverAlt: media.alt,
      coverWidth: media.width,
      coverHeight: media.height,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    // The blog condition on the join: a cover can only be one of the blog's own images.
    .leftJoin(media, and(eq(media.id, posts.coverMediaId), eq(media.blogId, posts.blogId)))
    .where(where)
    .limit(1);
  if (!post) return null;
  const { coverKey, coverAlt, coverWidth, coverHeight, ...fields } = post;
  const cover = coverKey ? { url: mediaPath(coverKey), alt: coverAlt ?? "", width: coverWidth, height: coverHeight } : null;
  const postTagRows = await db
    .select({ slug: tags.slug, name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(eq(postTags.postId, post.id))
    .orderBy(sql`${tags.name} collate nocase`);
  return { ...fields, cover, tags: postTagRows };
}

/**
 * A blog's published posts counted by calendar month in the blog's time zone, newest month first: the
 * sidebar's archive. The months' bounds are computed here (a time zone's rules are not SQLite's), between
 * the first and the last publication (read from the index), then one query counts each month on the
 * index (blog, status, published_at): the cost follows the number of months, not of posts.
 */
export async function countPublishedPostsByMonth(blogId: number, timeZone: string): Promise<ArchiveMonth[]> {
  const [span] = await db
    .select({ first: min(posts.publishedAt), last: max(posts.publishedAt) })
    .from(posts)
    .where(isPublished(blogId));
  if (span?.first == null || span.last == null) return [];
  const months: (ArchiveMonth & { start: number; end: number })[] = [];
  const first = zonedDateParts(span.first, timeZone);
  const last = zonedDateParts(span.last, timeZone);
  for (let year = last.year, month = last.month; year > first.year || (year === first.year && month >= first.month); ) {
    months.push({ year, month, count: 0, ...zonedMonthRange(year, month, timeZone) });
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  }
  const bounds = sql.join(
    months.map((month, i) => sql`(${i}, ${month.start}, ${month.end})`),
    sql`, `,
  );
  const rows = await db.all<{ i: number; n: number }>(sql`
    with month_bounds(i, starts, ends) as (values ${bounds})
    select month_bounds.i as i, count(*) as n from month_bounds
    join ${posts} on ${posts.blogId} = ${blogId} and ${posts.status} = 'published'
      and ${posts.publishedAt} >= month_bounds.starts and ${posts.publishedAt} < month_bounds.ends
    group by month_bounds.i`);
  for (const row of rows) {
    const month = months[Number(row.i)];
    if (month) month.count = Number(row.n);
  }
  return months.filter((month) => month.count > 0).map(({ year, month, count }) => ({ year, month, count }));
}

/**
 * A blog's categories with their count of published posts, by name (a query: its plan is checked by
 * tests/posts/reader-queries.test.ts). The posts are joined on the blog's id too, so that each category
 * is counted on the post's (blog, category, status) index: on the category alone, SQLite counted through
 * every published post of the platform, once per category.
 */
export function listCategoriesWithCounts(blogId: number) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      postCount: sql<number>`count(${posts.id})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(posts, and(eq(posts.blogId, categories.blogId), eq(posts.categoryId, categories.id), eq(posts.status, "published")))
    .where(eq(categories.blogId, blogId))
    .groupBy(categories.id)
    .orderBy(sql`${categories.name} collate nocase`);
}

export type PlatformPost = {
  blogSlug: string;
  blogTitle: string;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: number;
  timeZone: string;
  language: "fr" | "en";
};

/** The newest published posts across all blogs, for the platform's home page. */
export async function listRecentPostsAcrossBlogs(limit: number): Promise<PlatformPost[]> {
  return db
    .select({
      blogSlug: blogs.slug,
      blogTitle: blogs.title,
      slug: posts.slug,
      title: posts.title,
      excerpt: posts.excerpt,
      publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number),
      timeZone: blogs.timeZone,
      language: blogs.language,
    })
    .from(posts)
    .innerJoin(blogs, eq(blogs.id, posts.blogId))
    .where(eq(posts.status, "published"))
    .orderBy(desc(posts.publishedAt))
    .limit(limit);
}

/** A category of a blog by its slug, or null. */
export async function getCategoryBySlug(input: { blogId: number; slug: string }): Promise<{ id: number; slug: string; name: string } | null> {
  const [category] = await db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(and(eq(categories.blogId, input.blogId), eq(categories.slug, input.slug)))
    .limit(1);
  return category ?? null;
}

/**
 * A tag of a blog by its slug, or null; only a tag that one of the blog's published posts carries: a tag
 * that only drafts or scheduled posts carry is not yet public.
 */
export async function getPublicTagBySlug(input: { blogId: number; slug: string }): Promise<{ id: number; slug: string; name: string } | null> {
  const [tag] = await db
    .select({ id: tags.id, slug: tags.slug, name: tags.name })
    .from(tags)
    .where(
      and(
        eq(tags.blogId, input.blogId),
        eq(tags.slug, input.slug),
        exists(
          db
            .select({ one: sql`1` })
            .from(postTags)
            .innerJoin(posts, eq(posts.id, postTags.postId))
            .where(and(eq(postTags.tagId, tags.id), isPublished(input.blogId))),
        ),
      ),
    )
    .limit(1);
  return tag ?? null;
}

/** What the permissions need of a post of this blog (its author), or null when the blog has no such post. */
export async function getPostRef(input: { blogId: number; postId: number }): Promise<{ blogId: number; authorId: string | null; status: PostStatus } | null> {
  const [row] = await db
    .select({ blogId: posts.blogId, authorId: posts.authorId, status: posts.status })
    .from(posts)
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId)))
    .limit(1);
  return row ?? null;
}

export type AdjacentPost = { title: string; slug: string; publishedAt: number };

/** The published posts just before and just after this one (by date, then id), for « Article précédent / suivant ». */
export async function getAdjacentPosts(input: { blogId: number; postId: number; publishedAt: number }): Promise<{ previous: AdjacentPost | null; next: AdjacentPost | null }> {
  const columns = { title: posts.title, slug: posts.slug, publishedAt: sql<number>`${posts.publishedAt}`.mapWith(Number) };
  const before = or(lt(posts.publishedAt, input.publishedAt), and(eq(posts.publishedAt, input.publishedAt), lt(posts.id, input.postId)));
  const after = or(gt(posts.publishedAt, input.publishedAt), and(eq(posts.publishedAt, input.publishedAt), gt(posts.id, input.postId)));
  const [[previous], [next]] = await Promise.all([
    db.select(columns).from(posts).where(and(isPublished(input.blogId), before)).orderBy(desc(posts.publishedAt), desc(posts.id)).limit(1),
    db.select(columns).from(posts).where(and(isPublished(input.blogId), after)).orderBy(asc(posts.publishedAt), asc(posts.id)).limit(1),
  ]);
  return { previous: previous ?? null, next: next ?? null };
}

/** Whether this post was already sent to the blog's subscribers (it never is twice). */
export async function isPostMailed(input: { blogId: number; postId: number }): Promise<boolean> {
  const [row] = await db
    .select({ queuedAt: posts.newsletterQueuedAt })
    .from(posts)
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId)))
    .limit(1);
  return row?.queuedAt != null;
}

/** The blog and post of a revision (whoever asks: the action then checks the caller's membership of that blog). */
export async function getRevisionRef(revisionId: number): Promise<{ blogId: number; postId: number } | null> {
  const [row] = await db.select({ blogId: postRevisions.blogId, postId: postRevisions.postId }).from(postRevisions).where(eq(postRevisions.id, revisionId)).limit(1);
  return row ?? null;
}
