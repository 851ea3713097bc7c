import { createHmac, timingSafeEqual } from "node:crypto";
import type { BlogSettings } from "@/lib/db/schema";
import { getServerSecret } from "@/lib/secret";
import { findCommentLinks } from "./render";

// Carnet's spam defences, all on its own server. What they catch is kept (status "spam", or "pending"
// for what only needs a human look) with the reason, so that a false positive can be recovered.
export const COMMENT_DEFENCES = {
  /** Nobody reads an article and writes a comment in under three seconds. */
  minFillMs: 3_000,
  /** A fill token older than this comes from a tab left open: no longer a timing signal. */
  tokenMaxAgeMs: 24 * 60 * 60_000,
  /** More links than this and the comment waits for a human. */
  maxLinks: 2,
  /** Comments per client and window beyond which they go to spam. */
  rateLimit: { limit: 6, windowMs: 10 * 60_000 },
  /** Beyond this the client is refused outright (and told so), to keep a flood out of the database. */
  floodLimit: { limit: 40, windowMs: 60 * 60_000 },
} as const;

export const HELD_REASONS = [
  "honeypot",
  "forged-token",
  "too-fast",
  "rate-limit",
  "no-timing",
  "links",
  "moderation-all",
  "first-time",
] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

const sign = (postId: number, issuedAt: number, secret: string) =>
  createHmac("sha256", secret).update(`comment-fill|${postId}|${issuedAt}`).digest("base64url");

/**
 * The fill token: when the commenter first touched the form of this post, signed by the server. The
 * article page is static (rendered once for everyone), so its render time says nothing; this does.
 */
export function issueFillToken(postId: number, now = Date.now(), secret = getServerSecret()): string {
  return `${now}.${sign(postId, now, secret)}`;
}

export type FillTokenVerdict = "ok" | "missing" | "expired" | "forged" | "too-fast";

export function checkFillToken(token: string, postId: number, now = Date.now(), secret = getServerSecret()): FillTokenVerdict {
  if (token === "") return "missing";
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return "forged";
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sign(postId, issuedAt, secret));
  const given = Buffer.from(match[2] ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "forged";
  const elapsed = now - issuedAt;
  // A token from the future was not issued by this server's clock: treat it like a forgery.
  if (elapsed < -60_000) return "forged";
  if (elapsed < COMMENT_DEFENCES.minFillMs) return "too-fast";
  if (elapsed > COMMENT_DEFENCES.tokenMaxAgeMs) return "expired";
  return "ok";
}

export type CommentSignals = {
  trapFilled: boolean;
  fillToken: FillTokenVerdict;
  overRateLimit: boolean;
  body: string;
  moderation: BlogSettings["moderation"];
  /** The address already has an approved comment on this blog. */
  knownCommenter: boolean;
};

export type CommentVerdict = { status: "approved" | "pending" | "spam"; reason: HeldReason | null };

/**
 * Where a reader's comment goes. Spam first (a trap sprung, a forged token, a client over its rate),
 * then what waits for the blogger (no timing signal or a too quick one, too many links, the blog's
 * moderation mode), else it is published.
 */
export function judgeComment(signals: CommentSignals): CommentVerdict {
  const spam = (reason: HeldReason): CommentVerdict => ({ status: "spam", reason });
  const held = (reason: HeldReason): CommentVerdict => ({ status: "pending", reason });
  if (signals.trapFilled) return spam("honeypot");
  if (signals.fillToken === "forged") return spam("forged-token");
  if (signals.overRateLimit) return spam("rate-limit");
  // Without JavaScript there is no timing signal: a robot that skips the script is no better off
  // than a person without it, whose comment simply waits for the blogger.
  if (signals.fillToken === "missing" || signals.fillToken === "expired") return held("no-timing");
  // A fast typist (or a comment pasted in) is not a robot for sure: held for the blogger, never junked.
  if (signals.fillToken === "too-fast") return held("too-fast");
  if (findCommentLinks(signals.body).length > COMMENT_DEFENCES.maxLinks) return held("links");
  if (signals.moderation === "all") return held("moderation-all");
  if (signals.moderation === "first-time" && !signals.knownCommenter) return held("first-time");
  return { status: "approved", reason: null };
}
