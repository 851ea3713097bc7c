import "server-only";
import { and, asc, count, desc, eq, gt, like, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, subscribers, type SubscriberStatus } from "@/lib/db/schema";
import type { MailBlog } from "./mails";

/** How many addresses have confirmed their subscription to a blog (pending and unsubscribed do not count). */
export async function countConfirmedSubscribers(blogId: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(subscribers)
    .where(and(eq(subscribers.blogId, blogId), eq(subscribers.status, "confirmed")));
  return row?.total ?? 0;
}

/** What the newsletter's mails and pages need to know of a blog, or null when there is none. */
export async function getNewsletterBlog(blogId: number): Promise<(MailBlog & { createdAt: number }) | null> {
  const [blog] = await db
    .select({ id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language, createdAt: blogs.createdAt })
    .from(blogs)
    .where(eq(blogs.id, blogId))
    .limit(1);
  return blog ?? null;
}

/** The blog a subscriber belongs to (for the confirmation and unsubscribe pages). */
export async function getSubscriberStatus(subscriberId: number) {
  const [row] = await db
    .select({ blogId: subscribers.blogId, status: subscribers.status })
    .from(subscribers)
    .where(eq(subscribers.id, subscriberId))
    .limit(1);
  return row ?? null;
}

export type SubscriberRow = {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  createdAt: number;
  confirmedAt: number | null;
  unsubscribedAt: number | null;
};

const subscriberColumns = {
  id: subscribers.id,
  email: subscribers.email,
  status: subscribers.status,
  source: subscribers.source,
  createdAt: subscribers.createdAt,
  confirmedAt: subscribers.confirmedAt,
  unsubscribedAt: subscribers.unsubscribedAt,
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** A page of a blog's subscribers for the administration, newest first, optionally filtered. */
export async function listSubscribers(input: {
  blogId: number;
  search?: string;
  status?: SubscriberStatus;
  page: number;
  pageSize: number;
}): Promise<{ rows: SubscriberRow[]; total: number }> {
  const where = and(
    eq(subscribers.blogId, input.blogId),
    input.status ? eq(subscribers.status, input.status) : undefined,
    input.search ? like(subscribers.email, sql`${`%${escapeLike(input.search.toLowerCase())}%`} escape '\\'`) : undefined,
  );
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(subscriberColumns)
      .from(subscribers)
      .where(where)
      .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(subscribers).where(where),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

/** Every subscriber of a blog, oldest first, for the CSV export. */
export async function listAllSubscribers(blogId: number): Promise<SubscriberRow[]> {
  return db.select(subscriberColumns).from(subscribers).where(eq(subscribers.blogId, blogId)).orderBy(asc(subscribers.id));
}

/** A page of a blog's confirmed subscribers after `afterId`, in id order (a blog's export reads them page by page). */
export async function listConfirmedSubscribersPage(input: { blogId: number; afterId: number; limit: number }): Promise<SubscriberRow[]> {
  return db
    .select(subscriberColumns)
    .from(subscribers)
    .where(and(eq(subscribers.blogId, input.blogId), eq(subscribers.status, "confirmed"), gt(subscribers.id, input.afterId)))
    .orderBy(asc(subscribers.id))
    .limit(input.limit);
}

export async function countSubscribersByStatus(blogId: number): Promise<Record<SubscriberStatus, number>> {
  const rows = await db
    .select({ status: subscribers.status, total: count() })
    .from(subscribers)
    .where(eq(subscribers.blogId, blogId))
    .groupBy(subscribers.status);
  const counts: Record<SubscriberStatus, number> = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}
