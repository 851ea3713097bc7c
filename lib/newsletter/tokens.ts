import { createHmac, timingSafeEqual } from "node:crypto";
import { getServerSecret } from "@/lib/secret";

// The links of newsletter mails carry the subscriber's id signed with the server's secret (HMAC-SHA256):
// nobody can forge one for an address they do not receive mail at. A confirmation link expires; an
// unsubscribe link keeps working as long as the subscriber exists (an old mail must still let one leave).

/** How long a confirmation link works. */
export const CONFIRMATION_VALID_MS = 7 * 24 * 60 * 60_000;

function signature(purpose: string, payload: string): string {
  return createHmac("sha256", getServerSecret()).update(`newsletter:${purpose}|${payload}`).digest("base64url").slice(0, 32);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function confirmationToken(subscriberId: number, issuedAt: number): string {
  const payload = `${subscriberId}.${issuedAt}`;
  return `${payload}.${signature("confirm", payload)}`;
}

export type ConfirmationTokenCheck = { ok: true; subscriberId: number; issuedAt: number } | { ok: false; reason: "invalid" | "expired" };

export function readConfirmationToken(token: string, now = Date.now()): ConfirmationTokenCheck {
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, id = "", issued = "", given = ""] = match;
  if (!sameSignature(signature("confirm", `${id}.${issued}`), given)) return { ok: false, reason: "invalid" };
  const issuedAt = Number(issued);
  if (now - issuedAt > CONFIRMATION_VALID_MS) return { ok: false, reason: "expired" };
  return { ok: true, subscriberId: Number(id), issuedAt };
}

export function unsubscribeToken(subscriberId: number): string {
  return `${subscriberId}.${signature("unsubscribe", String(subscriberId))}`;
}

/** The subscriber an unsubscribe link names, or null when it was not signed by this server. */
export function readUnsubscribeToken(token: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id = "", given = ""] = match;
  return sameSignature(signature("unsubscribe", id), given) ? Number(id) : null;
}
