import { createHash, randomBytes } from "node:crypto";

/** An invitation lasts a week. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** A fresh invitation token: the clear token goes into the mailed link only, its hash into the database. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a path segment has the shape of a token (so that nothing else is looked up). */
export function isInvitationTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
