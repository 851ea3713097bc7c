import type { Language } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { escapeHtml } from "@/lib/escape-html";
import { button, htmlDocument, paragraph, unsubscribeHeaders } from "@/lib/mail/layout";
import type { OutgoingEmail } from "@/lib/mail/outbox";
import { blogUrl } from "@/lib/urls";

// The mails of « Me prévenir des réponses », in the blog's language: the confirmation asked for once the
// commenter's comment is approved, and the notice of a reply in the thread. What commenters wrote (names,
// replies) goes in as text, escaped in the HTML part. Every address is built from ROOT_DOMAIN and
// PUBLIC_PROTOCOL (lib/urls.ts), never from a request.
//
// Each mail is rendered once, for every recipient: the subscription's token (and the comment's id, unknown
// before the batch that stores it) are placeholders that SQL replaces while queueing the mail in the
// transaction that approves the comment (lib/comments/reply-subscriptions.ts).

export const REPLY_CONFIRMATION_KIND = "comment-replies-confirm";
export const REPLY_NOTICE_KIND = "comment-reply";

export type ReplyMailBlog = { id: number; slug: string; title: string; language: Language };

/** A mail of the feature for any of its recipients: `placeholders` stand for the token and the comment's id. */
export type ReplyMailTemplate = Required<Pick<OutgoingEmail, "kind" | "subject" | "text" | "html" | "headers">>;
export type ReplyMailPlaceholders = { token: string; commentId: string };

const EXCERPT_LENGTH = 600;

/** The start of a comment, as plain text, for a mail. */
export function commentExcerpt(body: string): string {
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body;
}

/** The page with a « confirm » button (opening the link confirms nothing: mail scanners open links). */
export const replyConfirmationUrl = (blogSlug: string, token: string) => blogUrl(blogSlug, `/commentaires/reponses/confirmer?jeton=${token}`);

/** The page with a « stop » button: what a person opens from the mail. */
export const replyUnsubscribePageUrl = (blogSlug: string, token: string) => blogUrl(blogSlug, `/commentaires/reponses/desinscription?jeton=${token}`);

/** The one-click address of RFC 8058: a POST there unsubscribes at once (what mail programs call). */
export const replyOneClickUnsubscribeUrl = (blogSlug: string, token: string) => blogUrl(blogSlug, `/api/commentaires/desinscription?jeton=${token}`);

const headersFor = (blog: ReplyMailBlog, token: string) => unsubscribeHeaders(`reponses.${blog.slug}`, replyOneClickUnsubscribeUrl(blog.slug, token));

/** The mail asking a commenter to confirm they want the replies (double opt-in), once their comment is approved. */
export function replyConfirmationMail(input: { blog: ReplyMailBlog; post: { title: string }; placeholders: ReplyMailPlaceholders }): ReplyMailTemplate {
  const { blog, post, placeholders } = input;
  const t = getTranslator(blog.language);
  const confirmUrl = replyConfirmationUrl(blog.slug, placeholders.token);
  const unsubscribeUrl = replyUnsubscribePageUrl(blog.slug, placeholders.token);
  const home = blogUrl(blog.slug, "/");
  const intro = t("comments.repliesConfirmIntro", { post: post.title, blog: blog.title });
  const text = [
    t("mail.greeting"),
    intro,
    `${t("comments.repliesConfirmAsk")}\n${confirmUrl}`,
    t("comments.repliesConfirmIgnore"),
    `— ${blog.title}\n${home}\n${t("comments.repliesFooterStop")} ${unsubscribeUrl}`,
  ].join("\n\n");
  const html = htmlDocument(
    blog.language,
    [
      paragraph(t("mail.greeting")),
      paragraph(intro),
      paragraph(t("comments.repliesConfirmAsk")),
      button(confirmUrl, t("comments.repliesConfirmButton")),
      paragraph(t("comments.repliesConfirmIgnore")),
    ].join(""),
    `<a href="${escapeHtml(home)}">${escapeHtml(blog.title)}</a> · <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("comments.repliesStopLink"))}</a>`,
  );
  return {
    kind: REPLY_CONFIRMATION_KIND,
    subject: t("comments.repliesConfirmSubject", { post: post.title }),
    text,
    html,
    headers: headersFor(blog, placeholders.token),
  };
}

export type ReplyForMail = { authorName: string; body: string; post: { title: string; url: string } };

/** The notice of a reply to the confirmed followers of its thread; `post.url` is the reply's post, the anchor is added here. */
export function replyNoticeMail(input: { blog: ReplyMailBlog; reply: ReplyForMail; placeholders: ReplyMailPlaceholders }): ReplyMailTemplate {
  const { blog, reply, placeholders } = input;
  const t = getTranslator(blog.language);
  const url = `${reply.post.url}#commentaire-${placeholders.commentId}`;
  const intro = t("comments.repliesNoticeIntro", { author: reply.authorName, post: reply.post.title, blog: blog.title });
  const excerpt = commentExcerpt(reply.body);
  const unsubscribeUrl = replyUnsubscribePageUrl(blog.slug, placeholders.token);
  return {
    kind: REPLY_NOTICE_KIND,
    subject: t("comments.repliesNoticeSubject", { author: reply.authorName, post: reply.post.title }),
    text: [
      t("mail.greeting"),
      intro,
      excerpt,
      `${t("comments.repliesNoticeRead")}\n${url}`,
      `—\n${t("comments.repliesFooterWhy")}\n${t("comments.repliesFooterStop")} ${unsubscribeUrl}`,
    ].join("\n\n"),
    html: htmlDocument(
      blog.language,
      [
        paragraph(t("mail.greeting")),
        paragraph(intro),
        `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #d6d3d1;white-space:pre-wrap">${escapeHtml(excerpt)}</blockquote>`,
        button(url, t("comments.repliesNoticeButton")),
      ].join(""),
      `${escapeHtml(t("comments.repliesFooterWhy"))}<br><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("comments.repliesStopLink"))}</a>`,
    ),
    headers: headersFor(blog, placeholders.token),
  };
}
