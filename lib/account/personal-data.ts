import "server-only";
import type { Readable } from "node:stream";
import { asc, eq, or } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogMembers, blogs, comments, posts, replySubscriptions, subscribers, users } from "@/lib/db/schema";
import { EXPORT_PAGE_SIZE, pages } from "@/lib/export/blog-zip";
import { postToMarkdownFile } from "@/lib/export/markdown";
import { commentWriterColumns, listExportPosts } from "@/lib/export/queries";
import { streamingZip } from "@/lib/export/zip-stream";
import { blogUrl } from "@/lib/urls";

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

/**
 * Everything Carnet holds about a person, as JSON: the account (never its password hash), the blogs they
 * belong to, the posts they wrote, the comments written with their address or while signed in, and the
 * newsletter subscriptions and the « Me prévenir des réponses » of their address. Null when there is no such account.
 */
export async function collectPersonalData(userId: string, now = Date.now()) {
  const [account] = await db
    .select({ id: users.id, name: users.name, email: users.email, emailVerified: users.emailVerified, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!account) return null;
  const email = account.email ?? "";
  const [memberships, writtenPosts, writtenComments, subscriptions, replyFollows] = await Promise.all([
    db
      .select({ blogId: blogs.id, slug: blogs.slug, title: blogs.title, role: blogMembers.role, since: blogMembers.createdAt })
      .from(blogMembers)
      .innerJoin(blogs, eq(blogs.id, blogMembers.blogId))
      .where(eq(blogMembers.userId, userId))
      .orderBy(asc(blogs.slug)),
    db
      .select({ blogSlug: blogs.slug, slug: posts.slug, title: posts.title, status: posts.status, publishedAt: posts.publishedAt, updatedAt: posts.updatedAt })
      .from(posts)
      .innerJoin(blogs, eq(blogs.id, posts.blogId))
      .where(eq(posts.authorId, userId))
      .orderBy(asc(blogs.slug), asc(posts.id)),
    db
      .select({
        blogSlug: blogs.slug,
        postTitle: posts.title,
        ...commentWriterColumns,
      })
      .from(comments)
      .innerJoin(posts, eq(posts.id, comments.postId))
      .innerJoin(blogs, eq(blogs.id, comments.blogId))
      .where(or(eq(comments.authorUserId, userId), email ? eq(comments.authorEmail, email) : undefined))
      .orderBy(asc(comments.id)),
    email
      ? db
          .select({
            blogSlug: blogs.slug,
            blogTitle: blogs.title,
            email: subscribers.email,
            status: subscribers.status,
            createdAt: subscribers.createdAt,
            confirmedAt: subscribers.confirmedAt,
            unsubscribedAt: subscribers.unsubscribedAt,
          })
          .from(subscribers)
          .innerJoin(blogs, eq(blogs.id, subscribers.blogId))
          .where(eq(subscribers.email, email))
          .orderBy(asc(subscribers.id))
      : Promise.resolve([]),
    email
      ? db
          .select({
            blogSlug: blogs.slug,
            postTitle: posts.title,
            email: replySubscriptions.email,
            status: replySubscriptions.status,
            createdAt: replySubscriptions.createdAt,
            confirmedAt: replySubscriptions.confirmedAt,
            unsubscribedAt: replySubscriptions.unsubscribedAt,
          })
          .from(replySubscriptions)
          .innerJoin(blogs, eq(blogs.id, replySubscriptions.blogId))
          .innerJoin(comments, eq(comments.id, replySubscriptions.threadId))
          .innerJoin(posts, eq(posts.id, comments.postId))
          .where(eq(replySubscriptions.email, email))
          .orderBy(asc(replySubscriptions.id))
      : Promise.resolve([]),
  ]);
  return {
    exportedAt: iso(now),
    account: { id: account.id, name: account.name, email: account.email, emailVerifiedAt: iso(account.emailVerified?.getTime() ?? null), createdAt: iso(account.createdAt) },
    blogs: memberships.map((membership) => ({
      address: blogUrl(membership.slug, "/"),
      title: membership.title,
      role: membership.role,
      memberSince: iso(membership.since),
    })),
    posts: writtenPosts.map((post) => ({
      blog: blogUrl(post.blogSlug, "/"),
      title: post.title,
      slug: post.slug,
      status: post.status,
      publishedAt: iso(post.publishedAt),
      updatedAt: iso(post.updatedAt),
      file: `articles/${post.blogSlug}/${post.slug}.md`,
    })),
    comments: writtenComments.map((comment) => ({
      blog: blogUrl(comment.blogSlug, "/"),
      post: comment.postTitle,
      name: comment.authorName,
      email: comment.authorEmail,
      website: comment.authorUrl,
      text: comment.body,
      status: comment.status,
      writtenAt: iso(comment.createdAt),
    })),
    newsletterSubscriptions: subscriptions.map((subscription) => ({
      blog: blogUrl(subscription.blogSlug, "/"),
      blogTitle: subscription.blogTitle,
      email: subscription.email,
      status: subscription.status,
      subscribedAt: iso(subscription.createdAt),
      confirmedAt: iso(subscription.confirmedAt),
      unsubscribedAt: iso(subscription.unsubscribedAt),
    })),
    replyNotifications: replyFollows.map((follow) => ({
      blog: blogUrl(follow.blogSlug, "/"),
      post: follow.postTitle,
      email: follow.email,
      status: follow.status,
      askedAt: iso(follow.createdAt),
      confirmedAt: iso(follow.confirmedAt),
      unsubscribedAt: iso(follow.unsubscribedAt),
    })),
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof collectPersonalData>>>;

/** « Télécharger mes données »: mes-donnees.json and the Markdown of every post the person wrote, as a zip stream. */
export async function streamPersonalData(userId: string, now = Date.now()): Promise<Readable | null> {
  const data = await collectPersonalData(userId, now);
  if (!data) return null;
  const zip = streamingZip(new Date(now));
  const blogsWithPosts = await db
    .selectDistinct({ id: posts.blogId, slug: blogs.slug })
    .from(posts)
    .innerJoin(blogs, eq(blogs.id, posts.blogId))
    .where(eq(posts.authorId, userId));
  void (async () => {
    await zip.add("mes-donnees.json", async function* () {
      yield `${JSON.stringify(data, null, 2)}\n`;
    });
    for (const blog of blogsWithPosts) {
      for await (const post of pages((afterId) => listExportPosts({ blogId: blog.id, afterId, limit: EXPORT_PAGE_SIZE, authorId: userId }))) {
        if (zip.aborted.aborted) return;
        await zip.add(`articles/${blog.slug}/${post.slug}.md`, async function* () {
          yield postToMarkdownFile(post);
        });
      }
    }
    zip.end();
  })().catch(zip.fail);
  return zip.output;
}
