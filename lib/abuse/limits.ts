import type { Language } from "@/lib/db/schema";
import { formatCount, getTranslator } from "@/lib/i18n";

// What one blog may do in 24 hours, in one place. Anyone can open a blog, so a blog nobody knows yet
// (its first days) gets lower ceilings than an established one: enough to start a blog or move one
// from another platform, too little to make Carnet a tool for bulk mail or a free image host.
// Counts are over the last 24 hours (a sliding window), from the rows the actions themselves write.

export const DAY_MS = 86_400_000;
/** How long a blog counts as new. */
export const NEW_BLOG_DAYS = 7;

export const DAILY_LIMITS = {
  /** Images uploaded to the blog's media. */
  uploads: { newBlog: 30, established: 500 },
  /** Newsletter mails (one per subscriber and post). Established blogs have no ceiling: every address confirmed. */
  newsletterMails: { newBlog: 1_000, established: Number.POSITIVE_INFINITY },
  /** Addresses added by import (each mailed a confirmation request, unless attested). */
  importedSubscribers: { newBlog: 500, established: 5_000 },
  /** Imported addresses the blogger attests have already confirmed: added as confirmed, mailed nothing. */
  attestedSubscribers: { newBlog: 100, established: 500 },
} as const;

export type DailyLimitKind = keyof typeof DAILY_LIMITS;

export function isNewBlog(blogCreatedAt: number, now = Date.now()): boolean {
  return now - blogCreatedAt < NEW_BLOG_DAYS * DAY_MS;
}

/** How many `kind` the blog may do in 24 hours. */
export function dailyLimit(kind: DailyLimitKind, blogCreatedAt: number, now = Date.now()): number {
  const limit = DAILY_LIMITS[kind];
  return isNewBlog(blogCreatedAt, now) ? limit.newBlog : limit.established;
}

/** What is left of the day's ceiling once `used` were counted (never below 0). */
export function remainingToday(kind: DailyLimitKind, blogCreatedAt: number, used: number, now = Date.now()): number {
  return Math.max(0, dailyLimit(kind, blogCreatedAt, now) - used);
}

/** The ceiling in the blog's words: « 30 images envoyées par 24 heures (blog de moins de 7 jours) ». */
export function describeLimit(kind: DailyLimitKind, blogCreatedAt: number, now = Date.now(), language: Language = "fr"): string {
  const t = getTranslator(language);
  const limit = t(`limits.${kind}`, { count: formatCount(dailyLimit(kind, blogCreatedAt, now), language) });
  return isNewBlog(blogCreatedAt, now) ? t("limits.newBlog", { limit, days: NEW_BLOG_DAYS }) : limit;
}

/** The message of a refusal at the ceiling. */
export function limitReachedMessage(kind: DailyLimitKind, blogCreatedAt: number, now = Date.now(), language: Language = "fr"): string {
  return getTranslator(language)("limits.reached", { limit: describeLimit(kind, blogCreatedAt, now, language) });
}

/** What the editor says when a post was published but not mailed: the blog's newsletter ceiling of the day was reached. */
export function newsletterHeldMessage(blogCreatedAt: number, now = Date.now(), language: Language = "fr"): string {
  return getTranslator(language)("limits.newsletterHeld", { limit: describeLimit("newsletterMails", blogCreatedAt, now, language) });
}
