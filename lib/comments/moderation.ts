import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { getMemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { blogMembers, blogs, comments, users, type CommentStatus, type MemberRole } from "@/lib/db/schema";
import { insertCommentOnce } from "./mutations";

// Who may do what in a blog's comments. Every function here takes the caller's user id explicitly,
// finds the caller's membership itself, and repeats the blog condition in the WHERE of its writes:
// a comment id from another blog matches nothing.

export const MODERATION_OPERATIONS = ["approve", "spam", "trash", "restore", "delete"] as const;
export type ModerationOperation = (typeof MODERATION_OPERATIONS)[number];

/** Bulk actions act on at most one page of the queue at a time. */
export const MAX_BULK = 100;

/** Authors and owners moderate; only the owner deletes for good (what is gone cannot be recovered). */
export function mayModerate(role: MemberRole, operation: ModerationOperation): boolean {
  return operation !== "delete" || role === "owner";
}

export type ModerationOutcome =
  | { ok: true; blogId: number; changed: number; postsWithVisibleChange: number[] }
  | { ok: false; problem: "not-member" | "owner-only" };

const unique = (ids: number[]) => [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_BULK);

/** Applies a moderation operation to comments of one blog, as the given user. */
export async function applyModeration(input: {
  userId: string;
  blogSlug: string;
  commentIds: number[];
  operation: ModerationOperation;
}): Promise<ModerationOutcome> {
  const blog = await getMemberBlog({ userId: input.userId, blogSlug: input.blogSlug });
  if (!blog) return { ok: false, problem: "not-member" };
  if (!mayModerate(blog.role, input.operation)) return { ok: false, problem: "owner-only" };
  const ids = unique(input.commentIds);
  if (ids.length === 0) return { ok: true, blogId: blog.id, changed: 0, postsWithVisibleChange: [] };
  const ofThisBlog = and(eq(comments.blogId, blog.id), inArray(comments.id, ids));
  const done = (changed: number, shownOrHidden: { postId: number }[]) => ({
    ok: true as const,
    blogId: blog.id,
    changed,
    postsWithVisibleChange: [...new Set(shownOrHidden.map((row) => row.postId))],
  });

  switch (input.operation) {
    case "approve": {
      const approved = await db
        .update(comments)
        .set({ status: "approved" })
        .where(and(ofThisBlog, ne(comments.status, "approved")))
        .returning({ postId: comments.postId });
      return done(approved.length, approved);
    }
    case "spam":
    case "trash": {
      const status: CommentStatus = input.operation;
      // Two statements in one transaction: those that were public (their pages change), then the rest.
      const [wereShown, others] = await db.batch([
        db.update(comments).set({ status }).where(and(ofThisBlog, eq(comments.status, "approved"))).returning({ postId: comments.postId }),
        db.update(comments).set({ status }).where(and(ofThisBlog, ne(comments.status, status))).returning({ postId: comments.postId }),
      ]);
      return done(wereShown.length + others.length, wereShown);
    }
    case "restore": {
      // Back to the pending tab: out of spam or the trash, not yet public.
      const restored = await db
        .update(comments)
        .set({ status: "pending" })
        .where(and(ofThisBlog, inArray(comments.status, ["spam", "trash"])))
        .returning({ id: comments.id });
      return done(restored.length, []);
    }
    case "delete": {
      // Only what is already out of sight (spam, trash) can be deleted, so no page changes; replies
      // to a deleted comment stay, as comments of their own.
      const [, deleted] = await db.batch([
        db
          .update(comments)
          .set({ parentId: null })
          .where(and(eq(comments.blogId, blog.id), inArray(comments.parentId, ids))),
        db
          .delete(comments)
          .where(and(ofThisBlog, inArray(comments.status, ["spam", "trash"])))
          .returning({ id: comments.id }),
      ]);
      return done(deleted.length, []);
    }
  }
}

export type ModeratedComment = {
  id: number;
  blogId: number;
  blogSlug: string;
  postId: number;
  parentId: number | null;
  status: CommentStatus;
  role: MemberRole;
};

/** A comment together with the caller's role in its blog; null when it does not exist or the caller is not a member. */
export async function getCommentForModerator(input: { commentId: number; userId: string }): Promise<ModeratedComment | null> {
  const [row] = await db
    .select({
      id: comments.id,
      blogId: comments.blogId,
      blogSlug: blogs.slug,
      postId: comments.postId,
      parentId: comments.parentId,
      status: comments.status,
      role: blogMembers.role,
    })
    .from(comments)
    .innerJoin(blogMembers, and(eq(blogMembers.blogId, comments.blogId), eq(blogMembers.userId, input.userId)))
    .innerJoin(blogs, eq(blogs.id, comments.blogId))
    .where(eq(comments.id, input.commentId))
    .limit(1);
  return row ?? null;
}

export type MemberReplyOutcome =
  | { ok: true; replyId: number; blogId: number; blogSlug: string; postId: number; parentApproved: boolean }
  | { ok: false; problem: "duplicate"; blogId: number; postId: number; parentApproved: boolean }
  | { ok: false; problem: "not-found" | "not-answerable" };

/**
 * A member's answer from the moderation queue: published at once with the author badge. Answering a
 * pending comment approves it too (nobody answers what they would not publish).
 */
export async function replyAsMember(input: { userId: string; commentId: number; body: string; now?: number }): Promise<MemberReplyOutcome> {
  const parent = await getCommentForModerator(input);
  if (!parent) return { ok: false, problem: "not-found" };
  if (parent.status !== "pending" && parent.status !== "approved") return { ok: false, problem: "not-answerable" };
  const [member] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!member?.email) return { ok: false, problem: "not-found" };
  const reply = insertCommentOnce({
    blogId: parent.blogId,
    postId: parent.postId,
    parentId: parent.parentId ?? parent.id,
    authorName: member.name?.trim() || member.email.split("@")[0] || member.email,
    authorEmail: member.email,
    authorUrl: null,
    authorUserId: input.userId,
    body: input.body,
    status: "approved",
    heldReason: null,
    clientHash: null,
    createdAt: input.now ?? Date.now(),
  });
  const approveParent = db
    .update(comments)
    .set({ status: "approved" })
    .where(and(eq(comments.id, parent.id), eq(comments.blogId, parent.blogId), eq(comments.status, "pending")))
    .returning({ id: comments.id });
  const [approved, inserted] = await db.batch([approveParent, reply]);
  const replyId = inserted[0]?.id;
  if (replyId === undefined) {
    return { ok: false, problem: "duplicate", blogId: parent.blogId, postId: parent.postId, parentApproved: approved.length > 0 };
  }
  return { ok: true, replyId, blogId: parent.blogId, blogSlug: parent.blogSlug, postId: parent.postId, parentApproved: approved.length > 0 };
}
