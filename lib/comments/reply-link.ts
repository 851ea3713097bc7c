/**
 * The class of a thread's « Répondre » link in the comments' HTML (lib/comments/html.ts), whose address
 * ends with the comment's id; the reply form opens in its comment, in place of the link
 * (components/comments/reply-forms.tsx). A module of its own: the client component imports it without
 * the HTML renderer.
 */
export const REPLY_CLASS = "repondre";

/** The id of the comment a « Répondre » address answers (…/repondre/<id>), or null. */
export function repliedCommentId(href: string): number | null {
  const id = /\/repondre\/(\d{1,15})$/.exec(href)?.[1];
  return id ? Number(id) : null;
}
