import { hasLinkSignature, linkSignature } from "@/lib/mail/link-signature";

// The links of « Me prévenir des réponses » mails: the subscription's id, signed with the server's secret
// together with its blog's id. A link is only read on its own blog's host, so that a token of one blog
// means nothing on another. Neither link expires: the confirmation only follows an approved comment, and
// an old mail must always let one leave.

export type ReplyLinkPurpose = "confirm" | "unsubscribe";

const payload = (blogId: number, subscriptionId: number) => `${blogId}.${subscriptionId}`;

export function replyLinkToken(purpose: ReplyLinkPurpose, blogId: number, subscriptionId: number): string {
  return `${subscriptionId}.${linkSignature(`comment-replies:${purpose}`, payload(blogId, subscriptionId))}`;
}

/** The subscription a link names, or null when this server did not sign it for this blog. */
export function readReplyLinkToken(purpose: ReplyLinkPurpose, blogId: number, token: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id = "", given = ""] = match;
  const subscriptionId = Number(id);
  return hasLinkSignature(`comment-replies:${purpose}`, payload(blogId, subscriptionId), given) ? subscriptionId : null;
}
