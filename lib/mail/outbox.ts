import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { db, type Database } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
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

/** Queues a message in the outbox; returns whether it was new. Without SMTP the text goes to the log. */
export async function queueEmail(executor: Executor, message: OutgoingEmail, now = Date.now()): Promise<boolean> {
  const inserted = await executor
    .insert(emailOutbox)
    .values({
      key: message.key,
      kind: message.kind,
      blogId: message.blogId ?? null,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      headers: message.headers ?? null,
      nextAttemptAt: now,
    })
    .onConflictDoNothing({ target: emailOutbox.key })
    .returning({ id: emailOutbox.id });
  if (inserted.length > 0) announceQueuedEmail(message);
  return inserted.length > 0;
}

/** Without SMTP, a newly queued message is printed: the operator reads links here or in the development mailbox. */
export function announceQueuedEmail(message: OutgoingEmail): void {
  if (!env.SMTP_URL) console.info(`[courriel en attente] à ${message.to} — ${message.subject}\n${message.text}`);
}

export const MAX_ATTEMPTS = 6;
const LOCK_MS = 60_000;

/** Delay before attempt n+1 after n failures: 30 s, 1 min, 2 min, 4 min, 8 min… */
export function retryDelayMs(failures: number): number {
  return 30_000 * 2 ** Math.max(0, failures - 1);
}

export type ClaimedEmail = typeof emailOutbox.$inferSelect;

/**
 * Takes up to `limit` messages due for sending and marks them as being sent (with a lock that expires,
 * so that a worker that died mid-batch leaves them to the next one).
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
  return db
    .update(emailOutbox)
    .set({ status: "sending", lockedUntil: now + LOCK_MS })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

export async function markSent(id: number, now = Date.now()): Promise<void> {
  await db.update(emailOutbox).set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null }).where(eq(emailOutbox.id, id));
}

export async function markFailedAttempt(email: ClaimedEmail, reason: string, now = Date.now()): Promise<void> {
  const failures = email.attempts + 1;
  const givesUp = failures >= MAX_ATTEMPTS;
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

/** The latest messages of the outbox, for the administration (optionally one blog's). */
export async function listOutbox(input: { blogId?: number; limit: number }) {
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      textBody: emailOutbox.textBody,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(input.blogId === undefined ? undefined : eq(emailOutbox.blogId, input.blogId))
    .orderBy(desc(emailOutbox.id))
    .limit(input.limit);
}

export const countOutboxByStatus = (blogId?: number) =>
  db
    .select({ status: emailOutbox.status, total: sql<number>`count(*)`.mapWith(Number) })
    .from(emailOutbox)
    .where(blogId === undefined ? undefined : eq(emailOutbox.blogId, blogId))
    .groupBy(emailOutbox.status);
