import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/lib/db";
import { comments, emailOutbox, type CommentStatus } from "@/lib/db/schema";
import { announceQueuedEmail, type OutgoingEmail } from "@/lib/mail/outbox";

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
 * Stores a comment (once) and, in the same transaction, the e-mail that tells someone about it.
 * Returns the comment's id, or null when it duplicates one already there.
 */
export async function storeComment(comment: NewComment, notice?: Omit<OutgoingEmail, "key" | "html" | "headers"> & { keyPrefix: string }): Promise<number | null> {
  if (!notice) {
    const [row] = await insertCommentOnce(comment);
    return row?.id ?? null;
  }
  const [inserted, queued] = await db.batch([insertCommentOnce(comment), queueEmailForInsertedRow(notice, comment.createdAt)]);
  const id = inserted[0]?.id ?? null;
  if (id !== null && queued.length > 0) announceQueuedEmail({ ...notice, key: `${notice.keyPrefix}${id}` });
  return id;
}
