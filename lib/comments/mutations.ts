import "server-only";
import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/lib/db";
import { comments, emailOutbox, users, type CommentStatus } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { announceQueuedEmail, type OutgoingEmail } from "@/lib/mail/outbox";
import { consumeRateLimit } from "@/lib/rate-limit";
import { platformUrl } from "@/lib/urls";
import { checkFillToken, COMMENT_DEFENCES, judgeComment, type CommentVerdict } from "./defences";
import { getAnswerableComment, getCommentTarget, getModeratedComment, isKnownCommenter, type CommentTarget } from "./queries";
import { MAX_BULK, type ModerationOperation } from "./queue";
import { commentExcerpt } from "./reply-mails";
import {
  announceQueuedMails,
  listCommentsOwingMails,
  newCommentOwingMails,
  queueMailsOwedBy,
  subscribeCommentAuthorToReplies,
  type CommentOwingMails,
} from "./reply-subscriptions";
import type { CommentFields } from "./validation";

// Every write of a blog's comments: a reader's comment (submitComment), the moderation queue's
// operations and a member's reply. The callers (lib/comments/actions.ts, through lib/actions/pipeline.ts)
// have checked who may do what; each write here repeats the blog in its WHERE, so that a comment id of
// another blog matches nothing.
//
// Comment writes go through db.batch, never an interactive transaction: a batch runs from BEGIN to
// COMMIT in one synchronous call, so it never holds SQLite's write lock across an await. An open
// transaction that awaits makes every other writer of the process block the event loop on the busy
// timeout (and fail with SQLITE_BUSY after it), which a burst of comments would turn into a stall.

export type NewComment = {
  blogId: number;
  postId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  authorUserId: string | null;
  body: string;
  status: CommentStatus;
  heldReason: string | null;
  clientHash: string | null;
  createdAt: number;
};

const columnList = (columns: SQLiteColumn[]) => sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `);
const valueList = (values: unknown[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/**
 * Inserts the comment unless the same address already wrote the same words in the same place (post
 * and thread): one statement, so two copies sent at once (a double click without JavaScript) still
 * make one comment. Returns the new id, or no row for a duplicate.
 */
export function insertCommentOnce(comment: NewComment) {
  return db.all<{ id: number }>(sql`
    insert into ${comments} (${columnList([
      comments.blogId,
      comments.postId,
      comments.parentId,
      comments.authorName,
      comments.authorEmail,
      comments.authorUrl,
      comments.authorUserId,
      comments.body,
      comments.status,
      comments.heldReason,
      comments.clientHash,
      comments.createdAt,
    ])})
    select ${valueList([
      comment.blogId,
      comment.postId,
      comment.parentId,
      comment.authorName,
      comment.authorEmail,
      comment.authorUrl,
      comment.authorUserId,
      comment.body,
      comment.status,
      comment.heldReason,
      comment.clientHash,
      comment.createdAt,
    ])}
    where not exists (
      select 1 from ${comments}
      where ${comments.postId} = ${comment.postId}
        and coalesce(${comments.parentId}, 0) = ${comment.parentId ?? 0}
        and ${comments.authorEmail} = ${comment.authorEmail}
        and ${comments.body} = ${comment.body}
    )
    returning ${sql.identifier(comments.id.name)}`);
}

/**
 * Queues a message in the outbox if, and only if, the statement just before it in the same batch
 * inserted a row; the message's key is `keyPrefix` followed by that row's id.
 */
export function queueEmailForInsertedRow(message: Omit<OutgoingEmail, "key" | "html" | "headers"> & { keyPrefix: string }, now: number) {
  const key: SQL = sql`${message.keyPrefix} || last_insert_rowid()`;
  return db.all<{ id: number }>(sql`
    insert into ${emailOutbox} (${columnList([
      emailOutbox.key,
      emailOutbox.blogId,
      emailOutbox.kind,
      emailOutbox.toAddress,
      emailOutbox.subject,
      emailOutbox.textBody,
      emailOutbox.nextAttemptAt,
      emailOutbox.createdAt,
    ])})
    select ${key}, ${valueList([message.blogId ?? null, message.kind, message.to, message.subject, message.text, now, now])}
    where changes() = 1
    on conflict do nothing
    returning ${sql.identifier(emailOutbox.id.name)}`);
}

/**
 * Stores a comment (once) and, in the same transaction, the e-mail that tells someone about it, its
 * author's wish to be told of the replies (« Me prévenir des réponses », pending until approved and
 * confirmed) and, for a comment stored visible, the mails it owes (`owed`, lib/comments/reply-subscriptions.ts).
 * Returns the comment's id, or null when it duplicates one already there.
 */
export async function storeComment(
  comment: NewComment,
  options: { notice?: Omit<OutgoingEmail, "key" | "html" | "headers"> & { keyPrefix: string }; notifyReplies?: boolean; owed?: CommentOwingMails | null } = {},
): Promise<number | null> {
  const { notice, notifyReplies = false, owed } = options;
  const subscribe = notifyReplies ? [subscribeCommentAuthorToReplies(comment, comment.createdAt)] : [];
  // After the subscription: the confirmation it may owe reads it.
  const mails = owed ? queueMailsOwedBy(owed, comment.createdAt) : [];
  if (!notice) {
    const [inserted, ...rest] = await db.batch([insertCommentOnce(comment), ...subscribe, ...mails]);
    announceQueuedMails(rest);
    return inserted[0]?.id ?? null;
  }
  // The notice must follow the comment's INSERT at once: it reads that statement's changes() and row id.
  const [inserted, queued, ...rest] = await db.batch([insertCommentOnce(comment), queueEmailForInsertedRow(notice, comment.createdAt), ...subscribe, ...mails]);
  announceQueuedMails(rest);
  const id = inserted[0]?.id ?? null;
  if (id !== null && queued.length > 0) announceQueuedEmail({ ...notice, key: `${notice.keyPrefix}${id}` });
  return id;
}

export type CommentSubmission = {
  postId: number;
  parentId: number | null;
  /** The fill token the form's script obtained ("" without JavaScript). */
  token: string;
  /** The hidden trap field: people leave it empty. */
  trap: string;
  fields: CommentFields;
  /** « Me prévenir des réponses » was ticked. */
  notifyReplies?: boolean;
};

export type SubmissionOutcome =
  | { ok: true; commentId: number; blogId: number; postId: number; verdict: CommentVerdict }
  | { ok: false; problem: "no-post" | "no-parent" | "duplicate" | "flood" };

/**
 * A reader's comment, judged by the defences and the blog's moderation mode, then stored once. A held
 * comment (pending) queues a notice to the blog's owner in the same transaction; spam does not. A
 * comment published at once queues, in its transaction too, what it owes by mail (lib/comments/reply-subscriptions.ts):
 * its author's confirmation if they ticked « Me prévenir des réponses », a notice to those who follow its thread.
 * `clientHash` is the salted hash of the sender's address (lib/client-id.ts), never the address.
 */
export async function submitComment(
  input: CommentSubmission,
  context: { clientHash: string; now?: number; target?: CommentTarget },
): Promise<SubmissionOutcome> {
  const now = context.now ?? Date.now();
  const target = context.target?.postId === input.postId ? context.target : await getCommentTarget(input.postId);
  if (!target) return { ok: false, problem: "no-post" };

  let threadId: number | null = null;
  if (input.parentId !== null) {
    const parent = await getAnswerableComment({ blogId: target.blogId, postId: target.postId, commentId: input.parentId });
    if (!parent) return { ok: false, problem: "no-parent" };
    threadId = parent.threadId;
  }

  const { floodLimit, rateLimit } = COMMENT_DEFENCES;
  if (!(await consumeRateLimit(`comment-flood:client:${context.clientHash}`, floodLimit.limit, floodLimit.windowMs, now))) {
    return { ok: false, problem: "flood" };
  }
  const withinRate = await consumeRateLimit(`comment:client:${context.clientHash}`, rateLimit.limit, rateLimit.windowMs, now);
  const { fields } = input;
  const verdict = judgeComment({
    trapFilled: input.trap.trim() !== "",
    fillToken: checkFillToken(input.token, target.postId, now),
    overRateLimit: !withinRate,
    body: fields.body,
    moderation: target.settings.moderation,
    knownCommenter: target.settings.moderation === "first-time" && (await isKnownCommenter({ blogId: target.blogId, email: fields.email })),
  });

  const t = getTranslator(target.language);
  const excerpt = commentExcerpt(fields.body);
  const notice =
    verdict.status === "pending" && target.ownerEmail
      ? {
          keyPrefix: "comment-held:",
          kind: "comment-held",
          blogId: target.blogId,
          to: target.ownerEmail,
          subject: t("comments.heldMailSubject", { post: target.postTitle }),
          text: t("comments.heldMailText", {
            author: fields.name,
            post: target.postTitle,
            excerpt,
            url: platformUrl(`/admin/${target.blogSlug}/commentaires`),
          }),
        }
      : undefined;

  const comment: NewComment = {
    blogId: target.blogId,
    postId: target.postId,
    parentId: threadId,
    authorName: fields.name,
    authorEmail: fields.email,
    authorUrl: fields.website === "" ? null : fields.website,
    authorUserId: null,
    body: fields.body,
    status: verdict.status,
    heldReason: verdict.reason,
    clientHash: context.clientHash,
    createdAt: now,
  };
  const owed = verdict.status === "approved" ? await newCommentOwingMails(comment) : null;
  const commentId = await storeComment(comment, { notice, notifyReplies: input.notifyReplies === true, owed });
  if (commentId === null) return { ok: false, problem: "duplicate" };
  return { ok: true, commentId, blogId: target.blogId, postId: target.postId, verdict };
}

export type ModerationOutcome = { blogId: number; changed: number; postsWithVisibleChange: number[] };

const unique = (ids: number[]) => [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_BULK);

/** Applies a moderation operation to comments of one blog (the caller may: lib/permissions.ts said so). */
export async function applyModeration(input: { blogId: number; commentIds: number[]; operation: ModerationOperation }): Promise<ModerationOutcome> {
  const { blogId } = input;
  const ids = unique(input.commentIds);
  if (ids.length === 0) return { blogId, changed: 0, postsWithVisibleChange: [] };
  const ofThisBlog = and(eq(comments.blogId, blogId), inArray(comments.id, ids));
  const done = (changed: number, shownOrHidden: { postId: number }[]) => ({
    blogId,
    changed,
    postsWithVisibleChange: [...new Set(shownOrHidden.map((row) => row.postId))],
  });

  switch (input.operation) {
    case "approve": {
      // What approving owes by mail is read first, then queued by statements of the approval's own batch,
      // which only mail for comments approved once it has run (keys make a concurrent approval harmless).
      const now = Date.now();
      const owed = await listCommentsOwingMails({ blogId, commentIds: ids }, now);
      const [approved, ...queued] = await db.batch([
        db
          .update(comments)
          .set({ status: "approved" })
          .where(and(ofThisBlog, ne(comments.status, "approved")))
          .returning({ id: comments.id, postId: comments.postId }),
        ...owed.flatMap((comment) => queueMailsOwedBy(comment, now)),
      ]);
      announceQueuedMails(queued);
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
          .where(and(eq(comments.blogId, blogId), inArray(comments.parentId, ids))),
        db
          .delete(comments)
          .where(and(ofThisBlog, inArray(comments.status, ["spam", "trash"])))
          .returning({ id: comments.id }),
      ]);
      return done(deleted.length, []);
    }
  }
}

export type MemberReplyOutcome =
  | { ok: true; replyId: number; blogId: number; postId: number; parentApproved: boolean }
  | { ok: false; problem: "duplicate"; blogId: number; postId: number; parentApproved: boolean }
  | { ok: false; problem: "not-found" | "not-answerable" };

/**
 * A member's answer from the moderation queue: published at once with the author badge. Answering a
 * pending comment approves it too (nobody answers what they would not publish).
 */
export async function replyAsMember(input: { blogId: number; userId: string; commentId: number; body: string; now?: number }): Promise<MemberReplyOutcome> {
  const parent = await getModeratedComment({ blogId: input.blogId, commentId: input.commentId });
  if (!parent) return { ok: false, problem: "not-found" };
  if (parent.status !== "pending" && parent.status !== "approved") return { ok: false, problem: "not-answerable" };
  const [member] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!member?.email) return { ok: false, problem: "not-found" };
  const reply: NewComment = {
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
  };
  const approveParent = db
    .update(comments)
    .set({ status: "approved" })
    .where(and(eq(comments.id, parent.id), eq(comments.blogId, parent.blogId), eq(comments.status, "pending")))
    .returning({ id: comments.id });
  // The mails the parent (if this approves it) and the reply owe, queued in the same batch as they become visible.
  const parentOwes = parent.status === "pending" ? await listCommentsOwingMails({ blogId: parent.blogId, commentIds: [parent.id] }, reply.createdAt) : [];
  const replyOwes = await newCommentOwingMails(reply);
  const owed = replyOwes ? [...parentOwes, replyOwes] : parentOwes;
  const [approved, inserted, ...queued] = await db.batch([
    approveParent,
    insertCommentOnce(reply),
    ...owed.flatMap((comment) => queueMailsOwedBy(comment, reply.createdAt)),
  ]);
  announceQueuedMails(queued);
  const replyId = inserted[0]?.id;
  if (replyId === undefined) {
    return { ok: false, problem: "duplicate", blogId: parent.blogId, postId: parent.postId, parentApproved: approved.length > 0 };
  }
  return { ok: true, replyId, blogId: parent.blogId, postId: parent.postId, parentApproved: approved.length > 0 };
}
