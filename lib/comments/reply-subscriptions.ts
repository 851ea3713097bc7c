import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, comments, emailOutbox, posts, rateLimits, replySubscriptions } from "@/lib/db/schema";
import { announceQueuedEmail, type OutgoingEmail } from "@/lib/mail/outbox";
import { articlePath } from "@/lib/posts/paths";
import { isLinkTokenShape, newLinkToken } from "@/lib/link-tokens";
import { blogUrl } from "@/lib/urls";
import { getReplySubscriptionStatus } from "./queries";
import { replyConfirmationMail, replyNoticeMail, type ReplyMailBlog, type ReplyMailPlaceholders, type ReplyMailTemplate } from "./reply-mails";

// « Me prévenir des réponses »: a subscription's life is pending (the box was ticked) → confirmed (the
// link mailed once the comment was approved was followed) → unsubscribed. Nothing is ever mailed
// because of a comment nobody approved: a held comment waits, spam and trash never mail, so the form
// cannot make Carnet write to an address of someone else's choosing.
//
// What a comment owes by mail once visible is queued by SQL statements that run in the same db.batch as
// the write that makes it visible (lib/comments/mutations.ts): both are kept, or neither. Each mail is
// rendered once in JS; the statements copy it for every subscription concerned, putting in its token.

/** Confirmation mails per address and hour, across every blog: the feature cannot flood a mailbox. */
export const REPLY_CONFIRMATIONS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

// What the statements replace in a rendered mail: random, so that no commenter's words can contain them.
const nonce = randomBytes(12).toString("hex");
const PLACEHOLDERS: ReplyMailPlaceholders = { token: `jeton${nonce}`, commentId: `commentaire${nonce}` };

/** The condition that finds this comment's row, for statements of the batch that stores it (its id is not known yet). */
export function sameComment(comment: { blogId: number; postId: number; parentId: number | null; authorEmail: string; body: string }): SQL {
  return sql`${comments.blogId} = ${comment.blogId}
    and ${comments.postId} = ${comment.postId}
    and coalesce(${comments.parentId}, 0) = ${comment.parentId ?? 0}
    and ${comments.authorEmail} = ${comment.authorEmail}
    and ${comments.body} = ${comment.body}`;
}

/**
 * The statement, for the batch that stores a comment, that subscribes its author to the replies of its
 * thread (pending). It finds the comment by what makes it unique (lib/comments/mutations.ts stores a
 * comment once per post, thread, address and words); an address that had left its thread and ticks the
 * box again is pending again, with a new token (the links of its old mails no longer mean anything).
 * Returns no rows.
 */
export function subscribeCommentAuthorToReplies(comment: { blogId: number; postId: number; parentId: number | null; authorEmail: string; body: string }, now: number) {
  return db.all<never>(sql`
    insert into ${replySubscriptions} (blog_id, thread_id, email, token, status, created_at)
    select ${comments.blogId}, coalesce(${comments.parentId}, ${comments.id}), ${comments.authorEmail}, ${newLinkToken()}, 'pending', ${now}
    from ${comments}
    where ${sameComment(comment)}
    on conflict (thread_id, email) do update set status = 'pending', unsubscribed_at = null, token = excluded.token
      where ${replySubscriptions.status} = 'unsubscribed'`);
}

/** A comment about to become visible, as its mails tell of it; `row` finds it in the batch that does. */
export type CommentOwingMails = {
  row: SQL;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  body: string;
  blog: ReplyMailBlog;
  post: { title: string; url: string };
};

type PostForMails = { postTitle: string; postSlug: string; publishedAt: number | null; blog: ReplyMailBlog & { timeZone: string } };

const mailContext = (post: PostForMails, now: number) => ({
  blog: post.blog,
  post: { title: post.postTitle, url: blogUrl(post.blog.slug, articlePath({ publishedAt: post.publishedAt ?? now, slug: post.postSlug }, post.blog.timeZone)) },
});

const postColumns = {
  postTitle: posts.title,
  postSlug: posts.slug,
  publishedAt: posts.publishedAt,
  blog: { id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language, timeZone: blogs.timeZone },
};

/**
 * The comments of a blog among `commentIds` that approving would make visible (not approved yet, on a
 * published post), read before the batch that approves them.
 */
export async function listCommentsOwingMails(input: { blogId: number; commentIds: number[] }, now = Date.now()): Promise<CommentOwingMails[]> {
  if (input.commentIds.length === 0) return [];
  const rows = await db
    .select({ id: comments.id, parentId: comments.parentId, authorName: comments.authorName, authorEmail: comments.authorEmail, body: comments.body, ...postColumns })
    .from(comments)
    .innerJoin(posts, and(eq(posts.id, comments.postId), eq(posts.blogId, comments.blogId)))
    .innerJoin(blogs, eq(blogs.id, comments.blogId))
    .where(and(eq(comments.blogId, input.blogId), inArray(comments.id, input.commentIds), ne(comments.status, "approved"), eq(posts.status, "published")));
  return rows.map((comment) => ({
    row: sql`${comments.id} = ${comment.id} and ${comments.blogId} = ${input.blogId}`,
    parentId: comment.parentId,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    body: comment.body,
    ...mailContext(comment, now),
  }));
}

/**
 * A comment being stored visible (a reader's, published at once, or a member's reply), as its mails tell
 * of it; null when its post is not published (nothing is mailed then).
 */
export async function newCommentOwingMails(
  comment: { blogId: number; postId: number; parentId: number | null; authorName: string; authorEmail: string; body: string; createdAt: number },
): Promise<CommentOwingMails | null> {
  const [post] = await db
    .select(postColumns)
    .from(posts)
    .innerJoin(blogs, eq(blogs.id, posts.blogId))
    .where(and(eq(posts.id, comment.postId), eq(posts.blogId, comment.blogId), eq(posts.status, "published")))
    .limit(1);
  if (!post) return null;
  // Its creation time too: a copy of an older comment (refused as a duplicate) owes nothing.
  const row = sql`${sameComment(comment)} and ${comments.createdAt} = ${comment.createdAt}`;
  return { row, parentId: comment.parentId, authorName: comment.authorName, authorEmail: comment.authorEmail, body: comment.body, ...mailContext(post, comment.createdAt) };
}

/** Where the statements find the subscriptions a visible comment concerns (with their rows in scope). */
function subscriptionsOfVisible(comment: CommentOwingMails, condition: SQL): SQL {
  return sql`from ${comments}
    join ${posts} on ${posts.id} = ${comments.postId} and ${posts.blogId} = ${comments.blogId} and ${posts.status} = 'published'
    join ${replySubscriptions} on ${replySubscriptions.blogId} = ${comments.blogId} and ${replySubscriptions.threadId} = coalesce(${comments.parentId}, ${comments.id})
    where ${comment.row} and ${comments.status} = 'approved' and ${condition}`;
}

/** Queues `mail` for every subscription `from` finds, under `key`, with its token (and the comment's id) put in. */
function queueMailPerSubscription(mail: ReplyMailTemplate, key: SQL, from: SQL, now: number) {
  const filled = (text: string) => sql`replace(replace(${text}, ${PLACEHOLDERS.token}, ${replySubscriptions.token}), ${PLACEHOLDERS.commentId}, ${comments.id})`;
  return db.all<OutgoingEmail>(sql`
    insert into ${emailOutbox} ("key", blog_id, kind, to_address, subject, text_body, html_body, headers, next_attempt_at, created_at)
    select ${key}, ${comments.blogId}, ${mail.kind}, ${replySubscriptions.email}, ${mail.subject}, ${filled(mail.text)}, ${filled(mail.html)}, ${filled(JSON.stringify(mail.headers))}, ${now}, ${now}
    ${from}
    on conflict ("key") do nothing
    returning "key", kind, to_address as "to", subject, text_body as "text"`);
}

/**
 * The statements, for the batch that makes `comment` visible and after its write, that queue what it owes
 * by mail, once each: to its author, the confirmation of the subscription they asked for with it (within
 * REPLY_CONFIRMATIONS_PER_HOUR per address); for a reply, a notice to each confirmed follower of its thread
 * but its own author. Keys name the subscription and the comment, so approving again (or twice at once)
 * mails nobody twice and uses up no allowance. Each statement returns the mails it queued.
 */
export function queueMailsOwedBy(comment: CommentOwingMails, now: number) {
  const asked = subscriptionsOfVisible(comment, sql`${replySubscriptions.status} = 'pending' and ${replySubscriptions.email} = ${comments.authorEmail}`);
  const confirmationKey = sql`'reply-confirm:' || ${replySubscriptions.id} || ':' || ${comments.id}`;
  const allowance = `comment-replies-confirm:${comment.authorEmail}`;
  const statements = [
    // The allowance is counted by the statement before the mail's, for a mail not queued yet (no rows).
    db.all<never>(sql`
      insert into ${rateLimits} ("key", count, reset_at)
      select ${allowance}, 1, ${now + HOUR_MS} ${asked} and not exists (select 1 from ${emailOutbox} where ${emailOutbox.key} = ${confirmationKey})
      on conflict ("key") do update set
        count = case when ${rateLimits.resetAt} <= ${now} then 1 else ${rateLimits.count} + 1 end,
        reset_at = case when ${rateLimits.resetAt} <= ${now} then ${now + HOUR_MS} else ${rateLimits.resetAt} end`),
    queueMailPerSubscription(
      replyConfirmationMail({ blog: comment.blog, post: comment.post, placeholders: PLACEHOLDERS }),
      confirmationKey,
      sql`${asked} and (select ${rateLimits.count} from ${rateLimits} where ${rateLimits.key} = ${allowance}) <= ${REPLY_CONFIRMATIONS_PER_HOUR}`,
      now,
    ),
  ];
  if (comment.parentId === null) return statements;
  const followers = subscriptionsOfVisible(comment, sql`${replySubscriptions.status} = 'confirmed' and lower(${replySubscriptions.email}) <> lower(${comments.authorEmail})`);
  const notice = replyNoticeMail({ blog: comment.blog, reply: comment, placeholders: PLACEHOLDERS });
  return [...statements, queueMailPerSubscription(notice, sql`'reply:' || ${replySubscriptions.id} || ':' || ${comments.id}`, followers, now)];
}

/**
 * After the batch, given the results of the statements of queueMailsOwedBy (and of others that return no
 * rows): the mails they queued are announced (printed without SMTP), as queueEmail does.
 */
export function announceQueuedMails(results: readonly OutgoingEmail[][]): void {
  for (const mail of results.flat()) announceQueuedEmail(mail);
}

export type ReplyConfirmOutcome = "confirmed" | "already" | "invalid";

/** The subscription of this blog whose links carry `token` (found through the token's unique index). */
const withToken = (input: { blogId: number; token: string }) => and(eq(replySubscriptions.token, input.token), eq(replySubscriptions.blogId, input.blogId));

/** The confirmation page's button: a pending subscription of this blog becomes confirmed. */
export async function confirmReplySubscription(input: { blogId: number; token: string }, now = Date.now()): Promise<ReplyConfirmOutcome> {
  if (!isLinkTokenShape(input.token)) return "invalid";
  const [confirmed] = await db
    .update(replySubscriptions)
    .set({ status: "confirmed", confirmedAt: now })
    .where(and(withToken(input), eq(replySubscriptions.status, "pending")))
    .returning({ id: replySubscriptions.id });
  if (confirmed) return "confirmed";
  // Unsubscribed since the link was sent, or gone with its comment: the link no longer means anything.
  return (await getReplySubscriptionStatus(input)) === "confirmed" ? "already" : "invalid";
}

export type ReplyUnsubscribeOutcome = "unsubscribed" | "already" | "invalid";

/**
 * The unsubscribe page's button, or the one-click POST of RFC 8058: no more mail for this thread, and
 * what was still queued for this subscription is withdrawn in the same transaction.
 */
export async function unsubscribeFromReplies(input: { blogId: number; token: string }, now = Date.now()): Promise<ReplyUnsubscribeOutcome> {
  if (!isLinkTokenShape(input.token)) return "invalid";
  const subscription = sql`(select ${replySubscriptions.id} from ${replySubscriptions} where ${withToken(input)})`;
  const [left] = await db.batch([
    db
      .update(replySubscriptions)
      .set({ status: "unsubscribed", unsubscribedAt: now })
      .where(and(withToken(input), ne(replySubscriptions.status, "unsubscribed")))
      .returning({ id: replySubscriptions.id }),
    db
      .update(emailOutbox)
      .set({ status: "failed", lockedUntil: null, lastError: "Désinscrit des réponses avant l'envoi" })
      .where(
        and(
          eq(emailOutbox.blogId, input.blogId),
          eq(emailOutbox.status, "queued"),
          or(sql`${emailOutbox.key} like 'reply:' || ${subscription} || ':%'`, sql`${emailOutbox.key} like 'reply-confirm:' || ${subscription} || ':%'`),
        ),
      ),
  ]);
  if (left.length > 0) return "unsubscribed";
  // A second click says so again; a token this blog does not know (or gone with its comment) is no link.
  return (await getReplySubscriptionStatus(input)) === null ? "invalid" : "already";
}
