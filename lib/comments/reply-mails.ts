import type { Language } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { button, escapeHtml, htmlDocument, paragraph, unsubscribeHeaders } from "@/lib/mail/layout";
import type { OutgoingEmail } from "@/lib/mail/outbox";
import { blogUrl } from "@/lib/urls";
import { replyLinkToken } from "./reply-tokens";

// The mails of « Me prévenir des réponses », in the blog's language: the confirmation asked for once the
// commenter's comment is approved, and the notice of a reply in the thread. What commenters wrote (names,
// replies) goes in as text, escaped in the HTML part. Every address is built from ROOT_DOMAIN and
// PUBLIC_PROTOCOL (lib/urls.ts), never from a request.

export const REPLY_CONFIRMATION_KIND = "comment-replies-confirm";
export const REPLY_NOTICE_KIND = "comment-reply";

export type ReplyMailBlog = { id: number; slug: string; title: string; language: Language };
export type ReplySubscriber = { id: number; email: string };

const EXCERPT_LENGTH = 600;

/** The start of a comment, as plain text, for a mail. */
export function commentExcerpt(body: string): string {
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body;
}

/** The page with a « confirm » button (opening the link confirms nothing: mail scanners open links). */
export function replyConfirmationUrl(blog: Pick<ReplyMailBlog, "id" | "slug">, subscriptionId: number): string {
  return blogUrl(blog.slug, `/commentaires/reponses/confirmer?jeton=${replyLinkToken("confirm", blog.id, subscriptionId)}`);
}

/** The page with a « stop » button: what a person opens from the mail. */
export function replyUnsubscribePageUrl(blog: Pick<ReplyMailBlog, "id" | "slug">, subscriptionId: number): string {
  return blogUrl(blog.slug, `/commentaires/reponses/desinscription?jeton=${replyLinkToken("unsubscribe", blog.id, subscriptionId)}`);
}

/** The one-click address of RFC 8058: a POST there unsubscribes at once (what mail programs call). */
export function replyOneClickUnsubscribeUrl(blog: Pick<ReplyMailBlog, "id" | "slug">, subscriptionId: number): string {
  return blogUrl(blog.slug, `/api/commentaires/desinscription?jeton=${replyLinkToken("unsubscribe", blog.id, subscriptionId)}`);
}

const headersFor = (blog: ReplyMailBlog, subscriptionId: number) =>
  unsubscribeHeaders(`reponses.${blog.slug}`, replyOneClickUnsubscribeUrl(blog, subscriptionId));

/** The mail asking a commenter to confirm they want the replies (double opt-in), once their comment is approved. */
export function replyConfirmationMail(input: { blog: ReplyMailBlog; post: { title: string }; subscriber: ReplySubscriber; commentId: number }): OutgoingEmail {
  const { blog, post, subscriber } = input;
  const t = getTranslator(blog.language);
  const confirmUrl = replyConfirmationUrl(blog, subscriber.id);
  const unsubscribeUrl = replyUnsubscribePageUrl(blog, subscriber.id);
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
    // One confirmation per approved comment that asked for it.
    key: `reply-confirm:${subscriber.id}:${input.commentId}`,
    kind: REPLY_CONFIRMATION_KIND,
    blogId: blog.id,
    to: subscriber.email,
    subject: t("comments.repliesConfirmSubject", { post: post.title }),
    text,
    html,
    headers: headersFor(blog, subscriber.id),
  };
}

export type ReplyForMail = { id: number; authorName: string; body: string; url: string };

/** The notice of a reply, for one confirmed subscriber of the thread after another. */
export function replyNoticeMailer(blog: ReplyMailBlog, post: { title: string }, reply: ReplyForMail): (subscriber: ReplySubscriber) => OutgoingEmail {
  const t = getTranslator(blog.language);
  const subject = t("comments.repliesNoticeSubject", { author: reply.authorName, post: post.title });
  const intro = t("comments.repliesNoticeIntro", { author: reply.authorName, post: post.title, blog: blog.title });
  const excerpt = commentExcerpt(reply.body);
  const htmlBody = [
    paragraph(t("mail.greeting")),
    paragraph(intro),
    `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #d6d3d1;white-space:pre-wrap">${escapeHtml(excerpt)}</blockquote>`,
    button(reply.url, t("comments.repliesNoticeButton")),
  ].join("");
  return (subscriber) => {
    const unsubscribeUrl = replyUnsubscribePageUrl(blog, subscriber.id);
    return {
      // Never twice for the same reply, however often it is approved.
      key: `reply:${subscriber.id}:${reply.id}`,
      kind: REPLY_NOTICE_KIND,
      blogId: blog.id,
      to: subscriber.email,
      subject,
      text: [
        t("mail.greeting"),
        intro,
        excerpt,
        `${t("comments.repliesNoticeRead")}\n${reply.url}`,
        `—\n${t("comments.repliesFooterWhy")}\n${t("comments.repliesFooterStop")} ${unsubscribeUrl}`,
      ].join("\n\n"),
      html: htmlDocument(
        blog.language,
        htmlBody,
        `${escapeHtml(t("comments.repliesFooterWhy"))}<br><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("comments.repliesStopLink"))}</a>`,
      ),
      headers: headersFor(blog, subscriber.id),
    };
  };
}
