import "server-only";
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQLWrapper } from "drizzle-orm";
import { db } from "@/lib/db";
import {
  blogViewTotals,
  comments,
  dailyPostViews,
  dailyReferrers,
  dailyViews,
  posts,
  subscribers,
} from "@/lib/db/schema";

/** A blog's page views since it was created. */
export async function getBlogViewTotal(blogId: number): Promise<number> {
  const [row] = await db.select({ views: blogViewTotals.views }).from(blogViewTotals).where(eq(blogViewTotals.blogId, blogId));
  return row?.views ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The administration's statistics (days are UTC calendar days, "YYYY-MM-DD", like the daily tables)
// ---------------------------------------------------------------------------------------------

const utcDayOf = (column: SQLWrapper) => sql<string>`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

/** Views per day of a blog from `fromDay` on (days without views are absent). */
export async function listDailyViews(input: { blogId: number; fromDay: string }): Promise<{ day: string; count: number }[]> {
  return db
    .select({ day: dailyViews.day, count: dailyViews.views })
    .from(dailyViews)
    .where(and(eq(dailyViews.blogId, input.blogId), gte(dailyViews.day, input.fromDay)))
    .orderBy(asc(dailyViews.day));
}

/** A blog's most read posts from `fromDay` on. */
export async function listTopPosts(input: { blogId: number; fromDay: string; limit: number }): Promise<
  { postId: number; title: string; slug: string; publishedAt: number | null; views: number }[]
> {
  const views = sql<number>`sum(${dailyPostViews.views})`.mapWith(Number);
  return db
    .select({ postId: posts.id, title: posts.title, slug: posts.slug, publishedAt: posts.publishedAt, views })
    .from(dailyPostViews)
    .innerJoin(posts, and(eq(posts.id, dailyPostViews.postId), eq(posts.blogId, input.blogId)))
    .where(and(eq(dailyPostViews.blogId, input.blogId), gte(dailyPostViews.day, input.fromDay)))
    .groupBy(posts.id)
    .orderBy(desc(views), asc(posts.title))
    .limit(input.limit);
}

/** The sites that sent a blog readers from `fromDay` on, by number of views. */
export async function listTopReferrers(input: { blogId: number; fromDay: string; limit: number }): Promise<{ domain: string; views: number }[]> {
  const views = sql<number>`sum(${dailyReferrers.views})`.mapWith(Number);
  return db
    .select({ domain: dailyReferrers.domain, views })
    .from(dailyReferrers)
    .where(and(eq(dailyReferrers.blogId, input.blogId), gte(dailyReferrers.day, input.fromDay)))
    .groupBy(dailyReferrers.domain)
    .orderBy(desc(views), asc(dailyReferrers.domain))
    .limit(input.limit);
}

/**
 * Confirmed newsletter subscribers of a blog: how many there were when `from` began, and the
 * confirmations and departures per day since.
 */
export async function listSubscriberChanges(input: { blogId: number; from: number }): Promise<{
  before: number;
  joined: { day: string; count: number }[];
  left: { day: string; count: number }[];
}> {
  const ofBlog = and(eq(subscribers.blogId, input.blogId), isNotNull(subscribers.confirmedAt));
  const [beforeRows, joined, left] = await Promise.all([
    db
      .select({ count: count() })
      .from(subscribers)
      .where(
        and(
          ofBlog,
          lt(subscribers.confirmedAt, input.from),
          or(isNull(subscribers.unsubscribedAt), gte(subscribers.unsubscribedAt, input.from)),
        ),
      ),
    db
      .select({ day: utcDayOf(subscribers.confirmedAt), count: count() })
      .from(subscribers)
      .where(and(ofBlog, gte(subscribers.confirmedAt, input.from)))
      .groupBy(utcDayOf(subscribers.confirmedAt)),
    db
      .select({ day: utcDayOf(subscribers.unsubscribedAt), count: count() })
      .from(subscribers)
      .where(and(ofBlog, gte(subscribers.unsubscribedAt, input.from)))
      .groupBy(utcDayOf(subscribers.unsubscribedAt)),
  ]);
  return { before: beforeRows[0]?.count ?? 0, joined, left };
}

/** Comments published (approved) on a blog per day, from `from` on. */
export async function listDailyComments(input: { blogId: number; from: number }): Promise<{ day: string; count: number }[]> {
  return db
    .select({ day: utcDayOf(comments.createdAt), count: count() })
    .from(comments)
    .where(and(eq(comments.blogId, input.blogId), eq(comments.status, "approved"), gte(comments.createdAt, input.from)))
    .groupBy(utcDayOf(comments.createdAt));
}
