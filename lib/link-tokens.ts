import { randomBytes } from "node:crypto";

// The secret a link carries where nothing is signed (a post's preview link, the links of « Me prévenir des
// réponses » mails): 256 random bits, URL-safe, stored in its row and found through a unique index, so
// nothing is compared character by character in the page's code.

/** A fresh, unguessable link token (43 characters of base64url). */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a link's token has the shape of one (so that nothing else is looked up). */
export function isLinkTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
