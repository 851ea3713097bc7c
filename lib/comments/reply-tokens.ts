import { randomBytes } from "node:crypto";

// The links of « Me prévenir des réponses » mails (confirm, unsubscribe) carry their subscription's token:
// 256 random bits, URL-safe, stored in its row and found through a unique index, always together with the
// blog of the host or form it comes from (a token means nothing on another blog). Like a post's preview
// link (lib/posts/preview-token.ts): nothing signed, so the mails can be built by SQL inside the very
// batch that approves a comment (lib/comments/reply-subscriptions.ts).

/** A fresh, unguessable subscription token (43 characters of base64url). */
export function newReplyToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a link's `jeton` has the shape of a token (so that nothing else is looked up). */
export function isReplyTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
