import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { db, type Database } from "@/lib/db";
import { emailOutbox, type OutboxStatus } from "@/lib/db/schema";
import { env } from "@/lib/env";

/** A transaction or the database itself: mail is queued in the same transaction as its cause. */
export type Executor = Pick<Database, "insert" | "update" | "select">;

export type OutgoingEmail = {
  /** Unique per message: queueing the same key twice is a no-op, so nothing is ever sent twice. */
  key: string;
  kind: string;
  blogId?: number | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
};

/** The outbox row of a message, ready for a (bulk) insert. */
export function outboxRow(message: OutgoingEmail, now: number): typeof emailOutbox.$inferInsert {
  return {
    key: message.key,
    kind: message.kind,
    blogId: message.blogId ?? null,
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    htmlBody: message.html ?? null,
    headers: message.headers ?? null,
    nextAttemptAt: now,
    createdAt: now,
  };
}

/** Queues a message in the outbox; returns whether it was new. Without SMTP the text goes to the log. */
export async function queueEmail(executor: Executor, message: OutgoingEmail, now = Date.now()): Promise<boolean> {
  const inserted = await executor
    .insert(emailOutbox)
    .values(outboxRow(message, now))
    .onConflictDoNothing({ target: emailOutbox.key })
    .returning({ id: emailOutbox.id });
  if (inserted.length > 0) announceQueuedEmail(message);
  return inserted.length > 0;
}

/** Without SMTP, a newly queued message is printed: the operator reads links here or in the development mailbox. */
export function announceQueuedEmail(message: OutgoingEmail): void {
  if (!env.SMTP_URL) console.info(`[courriel en attente] à ${message.to} — ${message.subject}\n${message.text}`);
}

// Rows per INSERT of a bulk queueing: well under SQLite's limit on bound parameters.
const BULK_ROWS = 400;

/**
 * Queues many messages at once (a new post for every subscriber), a few hundred rows per statement;
 * keys already queued are skipped. Returns how many were new. Without SMTP, one line goes to the log.
 */
export async function queueEmails(executor: Executor, messages: OutgoingEmail[], now = Date.now()): Promise<number> {
  let queued = 0;
  for (let start = 0; start < messages.length; start += BULK_ROWS) {
    const rows = messages.slice(start, start + BULK_ROWS).map((message) => outboxRow(message, now));
    const inserted = await executor.insert(emailOutbox).values(rows).onConflictDoNothing({ target: emailOutbox.key }).returning({ id: emailOutbox.id });
    queued += inserted.length;
  }
  if (queued > 0 && !env.SMTP_URL) {
    console.info(`[courriels en attente] ${queued} message(s) « ${messages[0]?.subject ?? ""} » : voir la Boîte de développement`);
  }
  return queued;
}

/** Attempts before a message is given up as "failed" (about a quarter of an hour of retries). */
export const MAX_ATTEMPTS = 6;
/** How long a claimed message is reserved for the worker that claimed it. */
export const LOCK_MS = 5 * 60_000;

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min, 4 min, 8 min… */
export function retryDelayMs(failures: number): number {
  return 30_000 * 2 ** Math.max(0, failures - 1);
}

export type ClaimedEmail = typeof emailOutbox.$inferSelect;

/**
 * Takes up to `limit` messages due for sending and marks them as being sent, with a lock that expires:
 * a worker that died mid-batch leaves its messages to the next one once the lock has run out.
 */
export async function claimDueEmails(limit: number, now = Date.now()): Promise<ClaimedEmail[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now)),
        and(eq(emailOutbox.status, "sending"), lte(emailOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(asc(emailOutbox.id))
    .limit(limit);
  // One statement: two workers never claim the same row.
  const claimed = await db
    .update(emailOutbox)
    .set({ status: "sending", lockedUntil: now + LOCK_MS })
    .where(inArray(emailOutbox.id, due))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

/**
 * Renews the lock of a claimed message just before it is sent. Returns the message with its new lock,
 * or null when it is no longer ours (the lock ran out and another worker took it, or it was cancelled):
 * then it must not be sent, or it would be sent twice.
 */
export async function renewClaim(email: ClaimedEmail, now = Date.now()): Promise<ClaimedEmail | null> {
  if (email.lockedUntil === null) return null;
  const [row] = await db
    .update(emailOutbox)
    .set({ lockedUntil: now + LOCK_MS })
    .where(and(eq(emailOutbox.id, email.id), eq(emailOutbox.status, "sending"), eq(emailOutbox.lockedUntil, email.lockedUntil)))
    .returning({ lockedUntil: emailOutbox.lockedUntil });
  return row ? { ...email, lockedUntil: row.lockedUntil } : null;
}

/** Gives claimed but unsent messages back to the queue (a worker stopping mid-batch), so that they go out at once on restart. */
export async function releaseClaims(emails: ClaimedEmail[]): Promise<void> {
  for (const email of emails) {
    if (email.lockedUntil === null) continue;
    await db
      .update(emailOutbox)
      .set({ status: "queued", lockedUntil: null })
      .where(and(eq(emailOutbox.id, email.id), eq(emailOutbox.status, "sending"), eq(emailOutbox.lockedUntil, email.lockedUntil)));
  }
}

export async function markSent(id: number, now = Date.now()): Promise<void> {
  await db.update(emailOutbox).set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null }).where(eq(emailOutbox.id, id));
}

/**
 * Records a failed attempt: the message is tried again later (exponential backoff) or, after
 * MAX_ATTEMPTS or on a permanent refusal (an SMTP 5xx: unknown mailbox, rejected message), given up
 * as "failed" with the reason.
 */
export async function markFailedAttempt(email: ClaimedEmail, reason: string, options: { permanent?: boolean; now?: number } = {}): Promise<void> {
  const now = options.now ?? Date.now();
  const failures = email.attempts + 1;
  const givesUp = options.permanent === true || failures >= MAX_ATTEMPTS;
  await db
    .update(emailOutbox)
    .set({
      attempts: failures,
      status: givesUp ? "failed" : "queued",
      nextAttemptAt: givesUp ? email.nextAttemptAt : now + retryDelayMs(failures),
      lockedUntil: null,
      lastError: reason.slice(0, 1000),
    })
    .where(eq(emailOutbox.id, email.id));
}

/**
 * Withdraws the messages of some kinds still waiting for an address of a blog (someone unsubscribed or
 * was removed): they end as "failed" with the reason, and are never sent.
 */
export async function cancelQueuedEmails(
  executor: Executor,
  input: { blogId: number; to: string; kinds: string[]; reason: string },
): Promise<number> {
  const cancelled = await executor
    .update(emailOutbox)
    .set({ status: "failed", lockedUntil: null, lastError: input.reason })
    .where(
      and(
        eq(emailOutbox.blogId, input.blogId),
        eq(emailOutbox.toAddress, input.to),
        inArray(emailOutbox.kind, input.kinds),
        eq(emailOutbox.status, "queued"),
      ),
    )
    .returning({ id: emailOutbox.id });
  return cancelled.length;
}

/** The latest messages of the outbox, for the administration (optionally one blog's, one status). */
export async function listOutbox(input: { blogId?: number; status?: OutboxStatus; limit: number }) {
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      textBody: emailOutbox.textBody,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(
      and(
        input.blogId === undefined ? undefined : eq(emailOutbox.blogId, input.blogId),
        input.status === undefined ? undefined : eq(emailOutbox.status, input.status),
      ),
    )
    .orderBy(desc(emailOutbox.id))
    .limit(input.limit);
}

export async function countOutboxByStatus(blogId?: number): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .select({ status: emailOutbox.status, total: sql<number>`count(*)`.mapWith(Number) })
    .from(emailOutbox)
    .where(blogId === undefined ? undefined : eq(emailOutbox.blogId, blogId))
    .groupBy(emailOutbox.status);
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}
