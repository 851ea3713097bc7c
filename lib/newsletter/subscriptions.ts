import { and, count, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { DAY_MS, remainingToday } from "@/lib/abuse/limits";
import { db } from "@/lib/db";
import { subscribers } from "@/lib/db/schema";
import { cancelQueuedEmails, queueEmail, queueEmails } from "@/lib/mail/outbox";
import { confirmationMail, SUBSCRIBER_MAIL_KINDS, type MailBlog } from "./mails";
import { readConfirmationToken, readUnsubscribeToken } from "./tokens";

// A subscriber's life: pending (signed up, confirmation mailed) → confirmed (followed the link) →
// unsubscribed (left). Only confirmed addresses count and receive posts.

/** At most one confirmation mail per address and blog in this time: the form cannot bomb a mailbox. */
export const CONFIRMATION_INTERVAL_MS = 15 * 60_000;

/**
 * A signup from the form: the address is stored as pending (or, after an unsubscription, pending
 * again) and a confirmation mail is queued in the same transaction, unless one went out less than
 * CONFIRMATION_INTERVAL_MS ago. A confirmed address gets nothing. The caller answers the same thing
 * in every case, so that nobody learns who follows a blog. `email` is already normalised.
 */
export async function requestSubscription(input: { blog: MailBlog; email: string; source: string }, now = Date.now()): Promise<{ mailed: boolean }> {
  return db.transaction(async (tx) => {
    await tx
      .insert(subscribers)
      .values({ blogId: input.blog.id, email: input.email, status: "pending", source: input.source, createdAt: now })
      .onConflictDoNothing({ target: [subscribers.blogId, subscribers.email] });
    const [due] = await tx
      .update(subscribers)
      .set({ status: "pending", lastConfirmationSentAt: now })
      .where(
        and(
          eq(subscribers.blogId, input.blog.id),
          eq(subscribers.email, input.email),
          ne(subscribers.status, "confirmed"),
          or(isNull(subscribers.lastConfirmationSentAt), lte(subscribers.lastConfirmationSentAt, now - CONFIRMATION_INTERVAL_MS)),
        ),
      )
      .returning({ id: subscribers.id });
    if (!due) return { mailed: false };
    await queueEmail(tx, confirmationMail(input.blog, { id: due.id, email: input.email }, now), now);
    return { mailed: true };
  });
}

export type ConfirmOutcome =
  | { outcome: "confirmed" | "already"; blogId: number }
  | { outcome: "expired" | "invalid" };

/** Follows a confirmation link: a pending address becomes confirmed (and starts counting). */
export async function confirmSubscription(token: string, now = Date.now()): Promise<ConfirmOutcome> {
  const check = readConfirmationToken(token, now);
  if (!check.ok) return { outcome: check.reason };
  const [confirmed] = await db
    .update(subscribers)
    .set({ status: "confirmed", confirmedAt: now })
    .where(and(eq(subscribers.id, check.subscriberId), eq(subscribers.status, "pending")))
    .returning({ blogId: subscribers.blogId });
  if (confirmed) return { outcome: "confirmed", blogId: confirmed.blogId };
  const [current] = await db.select({ status: subscribers.status, blogId: subscribers.blogId }).from(subscribers).where(eq(subscribers.id, check.subscriberId));
  // Unsubscribed since the link was sent, or removed by the blogger: the link no longer means anything.
  return current?.status === "confirmed" ? { outcome: "already", blogId: current.blogId } : { outcome: "invalid" };
}

/** blogId is null when the subscriber no longer exists (the blogger removed them): not subscribed either. */
export type UnsubscribeOutcome = { outcome: "unsubscribed"; blogId: number } | { outcome: "already"; blogId: number | null } | { outcome: "invalid" };

/**
 * Follows an unsubscribe link (the page's button or the one-click POST of RFC 8058): the address stops
 * counting at once, and what was still queued for it on this blog is withdrawn.
 */
export async function unsubscribeWithToken(token: string, now = Date.now()): Promise<UnsubscribeOutcome> {
  const subscriberId = readUnsubscribeToken(token);
  if (subscriberId === null) return { outcome: "invalid" };
  return db.transaction(async (tx) => {
    const [left] = await tx
      .update(subscribers)
      .set({ status: "unsubscribed", unsubscribedAt: now })
      .where(and(eq(subscribers.id, subscriberId), ne(subscribers.status, "unsubscribed")))
      .returning({ blogId: subscribers.blogId, email: subscribers.email });
    if (left) {
      await cancelQueuedEmails(tx, { blogId: left.blogId, to: left.email, kinds: SUBSCRIBER_MAIL_KINDS, reason: "Désabonné avant l'envoi" });
      return { outcome: "unsubscribed" as const, blogId: left.blogId };
    }
    const [current] = await tx.select({ blogId: subscribers.blogId }).from(subscribers).where(eq(subscribers.id, subscriberId));
    // A subscriber the blogger removed is not subscribed either: the same answer.
    return { outcome: "already" as const, blogId: current?.blogId ?? null };
  });
}

/** Removes a subscriber of a blog (the blogger's choice); returns whether there was one. */
export async function removeSubscriber(input: { blogId: number; subscriberId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(subscribers)
      .where(and(eq(subscribers.id, input.subscriberId), eq(subscribers.blogId, input.blogId)))
      .returning({ email: subscribers.email });
    if (!removed) return false;
    await cancelQueuedEmails(tx, { blogId: input.blogId, to: removed.email, kinds: SUBSCRIBER_MAIL_KINDS, reason: "Abonné retiré par le blog" });
    return true;
  });
}

const IMPORT_CHUNK = 400;

/** The source of an address the blogger attested had already confirmed (no confirmation mail). */
export const ATTESTED_IMPORT_SOURCE = "import-attested";
const IMPORT_SOURCES = ["import", ATTESTED_IMPORT_SOURCE];

export type ImportResult = {
  /** New addresses added as confirmed on the blogger's word, mailed nothing. */
  confirmed: number;
  /** New addresses added as pending, each mailed a confirmation request. */
  mailed: number;
  /** Addresses the blog already had (including those who left), left as they were. */
  existing: number;
  /** Of the mailed ones, those the blogger attested but beyond the day's ceiling of attested imports. */
  attestedOverLimit: number;
  /** New addresses left out: the blog's import ceiling of the day was reached. */
  overLimit: number;
};

/**
 * Adds addresses the blogger declares consenting. New ones are pending and get a confirmation mail,
 * unless the blogger attests they already confirmed: then, up to the day's ceiling of attested
 * imports, they are added confirmed and mailed nothing; beyond it they are mailed a confirmation like
 * the others. New addresses beyond the day's ceiling of imports are left out. Addresses the blog
 * already has (including those who unsubscribed) are left exactly as they are. `emails` are normalised
 * and distinct. Counted and written in one transaction, so two imports at once share the ceilings.
 */
export async function importSubscribers(
  input: { blog: MailBlog & { createdAt: number }; emails: string[]; attested: boolean },
  now = Date.now(),
): Promise<ImportResult> {
  const blogId = input.blog.id;
  return db.transaction(async (tx) => {
    const [today] = await tx
      .select({ all: count(), attested: sql<number>`coalesce(sum(${subscribers.source} = ${ATTESTED_IMPORT_SOURCE}), 0)` })
      .from(subscribers)
      .where(and(eq(subscribers.blogId, blogId), inArray(subscribers.source, IMPORT_SOURCES), gt(subscribers.createdAt, now - DAY_MS)));
    let importsLeft = remainingToday("importedSubscribers", input.blog.createdAt, today?.all ?? 0, now);
    let attestedLeft = input.attested ? remainingToday("attestedSubscribers", input.blog.createdAt, today?.attested ?? 0, now) : 0;
    const result: ImportResult = { confirmed: 0, mailed: 0, attestedOverLimit: 0, existing: 0, overLimit: 0 };
    for (let start = 0; start < input.emails.length; start += IMPORT_CHUNK) {
      const chunk = input.emails.slice(start, start + IMPORT_CHUNK);
      const known = new Set(
        (await tx.select({ email: subscribers.email }).from(subscribers).where(and(eq(subscribers.blogId, blogId), inArray(subscribers.email, chunk)))).map(
          (row) => row.email,
        ),
      );
      const fresh = chunk.filter((email) => !known.has(email));
      result.existing += chunk.length - fresh.length;
      const taken = fresh.slice(0, importsLeft);
      result.overLimit += fresh.length - taken.length;
      importsLeft -= taken.length;
      const attested = taken.slice(0, attestedLeft);
      attestedLeft -= attested.length;
      const pending = taken.slice(attested.length);
      if (attested.length > 0) {
        const added = await tx
          .insert(subscribers)
          .values(attested.map((email) => ({ blogId, email, source: ATTESTED_IMPORT_SOURCE, status: "confirmed" as const, confirmedAt: now, createdAt: now })))
          .onConflictDoNothing({ target: [subscribers.blogId, subscribers.email] })
          .returning({ id: subscribers.id });
        result.confirmed += added.length;
      }
      if (pending.length > 0) {
        const added = await tx
          .insert(subscribers)
          .values(pending.map((email) => ({ blogId, email, source: "import", status: "pending" as const, lastConfirmationSentAt: now, createdAt: now })))
          .onConflictDoNothing({ target: [subscribers.blogId, subscribers.email] })
          .returning({ id: subscribers.id, email: subscribers.email });
        result.mailed += added.length;
        if (input.attested) result.attestedOverLimit += added.length;
        await queueEmails(tx, added.map((subscriber) => confirmationMail(input.blog, subscriber, now)), now);
      }
    }
    return result;
  });
}
