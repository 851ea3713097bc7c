import "server-only";
import { and, eq, inArray, like, ne, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, comments, emailOutbox, posts, replySubscriptions } from "@/lib/db/schema";
import { queueEmails, type OutgoingEmail } from "@/lib/mail/outbox";
import { articlePath } from "@/lib/posts/paths";
import { consumeRateLimit } from "@/lib/rate-limit";
import { blogUrl } from "@/lib/urls";
import { replyConfirmationMail, replyNoticeMailer } from "./reply-mails";
import { readReplyLinkToken } from "./reply-tokens";

// « Me prévenir des réponses »: a subscription's life is pending (the box was ticked) → confirmed (the
// link mailed once the comment was approved was followed) → unsubscribed. Nothing is ever mailed
// because of a comment nobody approved: a held comment waits, spam and trash never mail, so the form
// cannot make Carnet write to an address of someone else's choosing.

/** Confirmation mails per address and hour, across every blog: the feature cannot flood a mailbox. */
export const REPLY_CONFIRMATIONS_PER_HOUR = 3;

/**
 * The statement, for the batch that stores a comment, that subscribes its author to the replies of its
 * thread (pending). It finds the comment by what makes it unique (lib/comments/mutations.ts stores a
 * comment once per post, thread, address and words); an address that had left its thread and ticks the
 * box again is pending again.
 */
export function subscribeCommentAuthorToReplies(comment: { postId: number; parentId: number | null; authorEmail: string; body: string }, now: number) {
  return db.run(sql`
    insert into ${replySubscriptions} (blog_id, thread_id, email, status, created_at)
    select ${comments.blogId}, coalesce(${comments.parentId}, ${comments.id}), ${comments.authorEmail}, 'pending', ${now}
    from ${comments}
    where ${comments.postId} = ${comment.postId}
      and coalesce(${comments.parentId}, 0) = ${comment.parentId ?? 0}
      and ${comments.authorEmail} = ${comment.authorEmail}
      and ${comments.body} = ${comment.body}
    on conflict (thread_id, email) do update set status = 'pending', unsubscribed_at = null
      where ${replySubscriptions.status} = 'unsubscribed'`);
}

/** The subscriptions of a thread of this blog that meet `condition`. */
function threadSubscribers(thread: { blogId: number; threadId: number }, condition: SQL | undefined) {
  return db
    .select({ id: replySubscriptions.id, email: replySubscriptions.email })
    .from(replySubscriptions)
    .where(and(eq(replySubscriptions.blogId, thread.blogId), eq(replySubscriptions.threadId, thread.threadId), condition));
}

async function isQueued(key: string): Promise<boolean> {
  const [row] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.key, key)).limit(1);
  return row !== undefined;
}

/**
 * What comments of a blog that have just become visible (approved) owe by mail, queued once each: to
 * their author, the confirmation of a subscription they asked for with that comment; for a reply, a
 * notice to each confirmed subscriber of its thread but its own author. Keys name the subscription and
 * the comment, so approving again (or twice at once) mails nobody twice. Returns how many were queued.
 * Called right after the write that approved them, not inside it: comment writes are single batches that
 * never hold the write lock across an await (lib/comments/mutations.ts), and these mails need rows read
 * first. A crash between the two statements would lose these mails, never send one twice.
 */
export async function queueMailsForApprovedComments(input: { blogId: number; commentIds: number[] }, now = Date.now()): Promise<number> {
  if (input.commentIds.length === 0) return 0;
  const approved = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      authorEmail: comments.authorEmail,
      body: comments.body,
      postTitle: posts.title,
      postSlug: posts.slug,
      publishedAt: posts.publishedAt,
      blog: { id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language, timeZone: blogs.timeZone },
    })
    .from(comments)
    .innerJoin(posts, and(eq(posts.id, comments.postId), eq(posts.blogId, comments.blogId)))
    .innerJoin(blogs, eq(blogs.id, comments.blogId))
    .where(and(eq(comments.blogId, input.blogId), inArray(comments.id, input.commentIds), eq(comments.status, "approved"), eq(posts.status, "published")));
  const messages: OutgoingEmail[] = [];
  for (const comment of approved) {
    const threadId = comment.parentId ?? comment.id;
    const post = { title: comment.postTitle };
    const asked = await threadSubscribers({ blogId: input.blogId, threadId }, and(eq(replySubscriptions.email, comment.authorEmail), eq(replySubscriptions.status, "pending")));
    for (const subscriber of asked) {
      const mail = replyConfirmationMail({ blog: comment.blog, post, subscriber, commentId: comment.id });
      // Approving the same comment again owes nothing, and must not use up the address's allowance.
      if (await isQueued(mail.key)) continue;
      if (await consumeRateLimit(`comment-replies-confirm:${subscriber.email}`, REPLY_CONFIRMATIONS_PER_HOUR, 3_600_000, now)) messages.push(mail);
    }
    if (comment.parentId === null) continue;
    const followers = await threadSubscribers(
      { blogId: input.blogId, threadId },
      and(eq(replySubscriptions.status, "confirmed"), ne(sql`lower(${replySubscriptions.email})`, comment.authorEmail.toLowerCase())),
    );
    if (followers.length === 0) continue;
    const url = blogUrl(comment.blog.slug, `${articlePath({ publishedAt: comment.publishedAt ?? now, slug: comment.postSlug }, comment.blog.timeZone)}#commentaire-${comment.id}`);
    messages.push(...followers.map(replyNoticeMailer(comment.blog, post, { id: comment.id, authorName: comment.authorName, body: comment.body, url })));
  }
  return messages.length === 0 ? 0 : queueEmails(db, messages, now);
}

export type ReplyConfirmOutcome = "confirmed" | "already" | "invalid";

/** The confirmation page's button: a pending subscription of this blog becomes confirmed. */
export async function confirmReplySubscription(input: { blogId: number; token: string }, now = Date.now()): Promise<ReplyConfirmOutcome> {
  const subscriptionId = readReplyLinkToken("confirm", input.blogId, input.token);
  if (subscriptionId === null) return "invalid";
  const ofThisBlog = and(eq(replySubscriptions.id, subscriptionId), eq(replySubscriptions.blogId, input.blogId));
  const [confirmed] = await db
    .update(replySubscriptions)
    .set({ status: "confirmed", confirmedAt: now })
    .where(and(ofThisBlog, eq(replySubscriptions.status, "pending")))
    .returning({ id: replySubscriptions.id });
  if (confirmed) return "confirmed";
  const [current] = await db.select({ status: replySubscriptions.status }).from(replySubscriptions).where(ofThisBlog);
  // Unsubscribed since the link was sent, or gone with its comment: the link no longer means anything.
  return current?.status === "confirmed" ? "already" : "invalid";
}

export type ReplyUnsubscribeOutcome = "unsubscribed" | "already" | "invalid";

/**
 * The unsubscribe page's button, or the one-click POST of RFC 8058: no more mail for this thread, and
 * what was still queued for this subscription is withdrawn in the same transaction.
 */
export async function unsubscribeFromReplies(input: { blogId: number; token: string }, now = Date.now()): Promise<ReplyUnsubscribeOutcome> {
  const subscriptionId = readReplyLinkToken("unsubscribe", input.blogId, input.token);
  if (subscriptionId === null) return "invalid";
  const [left] = await db.batch([
    db
      .update(replySubscriptions)
      .set({ status: "unsubscribed", unsubscribedAt: now })
      .where(and(eq(replySubscriptions.id, subscriptionId), eq(replySubscriptions.blogId, input.blogId), ne(replySubscriptions.status, "unsubscribed")))
      .returning({ id: replySubscriptions.id }),
    db
      .update(emailOutbox)
      .set({ status: "failed", lockedUntil: null, lastError: "Désinscrit des réponses avant l'envoi" })
      .where(
        and(
          eq(emailOutbox.blogId, input.blogId),
          eq(emailOutbox.status, "queued"),
          or(like(emailOutbox.key, `reply:${subscriptionId}:%`), like(emailOutbox.key, `reply-confirm:${subscriptionId}:%`)),
        ),
      ),
  ]);
  // A subscription gone with its comment is not subscribed either: the same answer as a second click.
  return left.length > 0 ? "unsubscribed" : "already";
}
