import "server-only";
import { and, asc, desc, eq, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/lib/db";
import { blogMembers, blogs, commentCounts, comments, posts, replySubscriptions, users, type BlogSettings, type CommentStatus, type Language } from "@/lib/db/schema";
import type { HeldReason } from "./defences";
import { isLinkTokenShape } from "@/lib/link-tokens";

export type PublicComment = {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  isMember: boolean;
  body: string;
  createdAt: number;
};

/**
 * The query behind listApprovedComments, for its plan to be checked: read on the post's index
 * (comment_post_status_idx), its cost follows the post's comments, not the blog's.
 */
export function approvedCommentsQuery(input: { blogId: number; postId: number }) {
  return db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      authorUrl: comments.authorUrl,
      authorUserId: comments.authorUserId,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(and(eq(comments.blogId, input.blogId), eq(comments.postId, input.postId), eq(comments.status, "approved")))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

/** The approved comments of a post, oldest first. The commenter's e-mail never leaves this function. */
export async function listApprovedComments(input: { blogId: number; postId: number }): Promise<PublicComment[]> {
  const rows = await approvedCommentsQuery(input);
  return rows.map(({ authorUserId, ...row }) => ({ ...row, isMember: authorUserId !== null }));
}

export type CommentTarget = {
  postId: number;
  postTitle: string;
  blogId: number;
  blogSlug: string;
  language: Language;
  settings: BlogSettings;
  ownerEmail: string | null;
};

/** The published post a comment is sent to, with what the decision and the owner's notice need; null if none. */
export async function getCommentTarget(postId: number): Promise<CommentTarget | null> {
  const [row] = await db
    .select({
      postId: posts.id,
      postTitle: posts.title,
      blogId: blogs.id,
      blogSlug: blogs.slug,
      language: blogs.language,
      settings: blogs.settings,
      ownerEmail: users.email,
    })
    .from(posts)
    .innerJoin(blogs, eq(blogs.id, posts.blogId))
    .leftJoin(users, eq(users.id, blogs.ownerId))
    .where(and(eq(posts.id, postId), eq(posts.status, "published")))
    .limit(1);
  return row ?? null;
}

/** A comment of this post that a reader may answer: approved. Replies attach to its thread's first comment. */
export async function getAnswerableComment(input: { blogId: number; postId: number; commentId: number }): Promise<{ id: number; threadId: number } | null> {
  const [row] = await db
    .select({ id: comments.id, parentId: comments.parentId })
    .from(comments)
    .where(
      and(
        eq(comments.id, input.commentId),
        eq(comments.blogId, input.blogId),
        eq(comments.postId, input.postId),
        eq(comments.status, "approved"),
      ),
    )
    .limit(1);
  return row ? { id: row.id, threadId: row.parentId ?? row.id } : null;
}

/**
 * Whether this address belongs to a known reader of the blog ("first-time commenters" are held): it has
 * an approved comment written without signing in, and it is not the address of one of the blog's
 * members. A member's own replies are approved at once, so an anonymous comment that borrows the
 * owner's or an author's address would otherwise skip moderation; it proves nothing about who wrote it.
 */
export async function isKnownCommenter(input: { blogId: number; email: string }): Promise<boolean> {
  const memberWithThisAddress = db
    .select({ one: sql`1` })
    .from(blogMembers)
    .innerJoin(users, eq(users.id, blogMembers.userId))
    .where(and(eq(blogMembers.blogId, input.blogId), sql`lower(${users.email}) = ${input.email.toLowerCase()}`));
  const [row] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.blogId, input.blogId),
        eq(comments.authorEmail, input.email),
        eq(comments.status, "approved"),
        isNull(comments.authorUserId),
        notExists(memberWithThisAddress),
      ),
    )
    .limit(1);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The moderation queue. Callers have checked membership (requireMemberBlog) and pass the blog's id.
// ---------------------------------------------------------------------------------------------

export type QueueComment = {
  id: number;
  status: CommentStatus;
  heldReason: HeldReason | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  isMember: boolean;
  body: string;
  createdAt: number;
  parentId: number | null;
  parentAuthorName: string | null;
  post: { id: number; title: string; slug: string; publishedAt: number | null; status: string };
};

const parents = alias(comments, "parent_comment");

/** One tab of a blog's moderation queue, newest first, with the total for pagination. */
export async function listQueueComments(input: {
  blogId: number;
  status: CommentStatus;
  page: number;
  pageSize: number;
}): Promise<{ comments: QueueComment[]; total: number }> {
  const where = and(eq(comments.blogId, input.blogId), eq(comments.status, input.status));
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: comments.id,
        status: comments.status,
        heldReason: comments.heldReason,
        authorName: comments.authorName,
        authorEmail: comments.authorEmail,
        authorUrl: comments.authorUrl,
        authorUserId: comments.authorUserId,
        body: comments.body,
        createdAt: comments.createdAt,
        parentId: comments.parentId,
        parentAuthorName: parents.authorName,
        postId: posts.id,
        postTitle: posts.title,
        postSlug: posts.slug,
        postPublishedAt: posts.publishedAt,
        postStatus: posts.status,
      })
      .from(comments)
      .innerJoin(posts, and(eq(posts.id, comments.postId), eq(posts.blogId, comments.blogId)))
      .leftJoin(parents, and(eq(parents.id, comments.parentId), eq(parents.blogId, comments.blogId)))
      .where(where)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    // The tab's count kept by the triggers: counting the tab's comments would read every one of them.
    db
      .select({ total: commentCounts.total })
      .from(commentCounts)
      .where(and(eq(commentCounts.blogId, input.blogId), eq(commentCounts.status, input.status))),
  ]);
  return {
    total: totals?.total ?? 0,
    comments: rows.map((row) => ({
      id: row.id,
      status: row.status,
      heldReason: row.heldReason as HeldReason | null,
      authorName: row.authorName,
      authorEmail: row.authorEmail,
      authorUrl: row.authorUrl,
      isMember: row.authorUserId !== null,
      body: row.body,
      createdAt: row.createdAt,
      parentId: row.parentId,
      parentAuthorName: row.parentAuthorName,
      post: { id: row.postId, title: row.postTitle, slug: row.postSlug, publishedAt: row.postPublishedAt, status: row.postStatus },
    })),
  };
}

/**
 * How many comments each tab of the queue holds: the counts that the comments' triggers keep per blog and
 * status (lib/db/schema.ts, commentCounts), four rows at most whatever the number of comments.
 */
export async function countCommentsByStatus(blogId: number): Promise<Record<CommentStatus, number>> {
  const rows = await db.select({ status: commentCounts.status, total: commentCounts.total }).from(commentCounts).where(eq(commentCounts.blogId, blogId));
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}

/** The blog a comment belongs to (to check the caller's membership of it before anything else), or null. */
export async function getCommentBlogId(commentId: number): Promise<number | null> {
  const [row] = await db.select({ blogId: comments.blogId }).from(comments).where(eq(comments.id, commentId)).limit(1);
  return row?.blogId ?? null;
}

export type ModeratedComment = { id: number; blogId: number; postId: number; parentId: number | null; status: CommentStatus };

/** A comment of this blog, as the moderation queue acts on it; null when the blog has no such comment. */
export async function getModeratedComment(input: { blogId: number; commentId: number }): Promise<ModeratedComment | null> {
  const [row] = await db
    .select({ id: comments.id, blogId: comments.blogId, postId: comments.postId, parentId: comments.parentId, status: comments.status })
    .from(comments)
    .where(and(eq(comments.id, input.commentId), eq(comments.blogId, input.blogId)))
    .limit(1);
  return row ?? null;
}

/** The status of the subscription to a thread's replies whose links carry `token`, if it belongs to this blog (for the pages its links lead to). */
export async function getReplySubscriptionStatus(input: { blogId: number; token: string }) {
  if (!isLinkTokenShape(input.token)) return null;
  const [row] = await db
    .select({ status: replySubscriptions.status })
    .from(replySubscriptions)
    .where(and(eq(replySubscriptions.token, input.token), eq(replySubscriptions.blogId, input.blogId)))
    .limit(1);
  return row?.status ?? null;
}
