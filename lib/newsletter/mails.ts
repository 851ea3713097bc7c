import type { Language } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import type { OutgoingEmail } from "@/lib/mail/outbox";
import { escapeHtml } from "@/lib/escape-html";
import { button, htmlDocument, paragraph, unsubscribeHeaders } from "@/lib/mail/layout";
import { blogUrl } from "@/lib/urls";
import { CONFIRMATION_VALID_MS, confirmationToken, unsubscribeToken } from "./tokens";

// The newsletter's mails, in the blog's language: the confirmation of a signup and a new post. Each one
// carries an unsubscribe link and the List-Unsubscribe headers of RFC 8058 (one-click unsubscription).

export type MailBlog = { id: number; slug: string; title: string; language: Language };
export type MailPost = { id: number; title: string; url: string; excerpt: string; bodyMarkdown: string; bodyHtml: string };
export type MailSubscriber = { id: number; email: string };

export const CONFIRMATION_KIND = "newsletter-confirm";
export const POST_KIND = "newsletter-post";
/** The kinds of mail a subscriber receives as a subscriber: withdrawn when they leave. */
export const SUBSCRIBER_MAIL_KINDS = [CONFIRMATION_KIND, POST_KIND];

export function confirmationUrl(blogSlug: string, subscriberId: number, issuedAt: number): string {
  return blogUrl(blogSlug, `/newsletter/confirmer?jeton=${confirmationToken(subscriberId, issuedAt)}`);
}

/** The page with an "unsubscribe" button: what a person opens from the mail. */
export function unsubscribePageUrl(blogSlug: string, subscriberId: number): string {
  return blogUrl(blogSlug, `/newsletter/desinscription?jeton=${unsubscribeToken(subscriberId)}`);
}

/** The one-click address of RFC 8058: a POST there unsubscribes at once (what mail programs call). */
export function oneClickUnsubscribeUrl(blogSlug: string, subscriberId: number): string {
  return blogUrl(blogSlug, `/api/newsletter/desinscription?jeton=${unsubscribeToken(subscriberId)}`);
}

const listHeaders = (blog: MailBlog, subscriberId: number) => unsubscribeHeaders(blog.slug, oneClickUnsubscribeUrl(blog.slug, subscriberId));

/** The mail asking a new subscriber to confirm their address (double opt-in). */
export function confirmationMail(blog: MailBlog, subscriber: MailSubscriber, issuedAt: number): OutgoingEmail {
  const t = getTranslator(blog.language);
  const days = Math.round(CONFIRMATION_VALID_MS / 86_400_000);
  const confirmUrl = confirmationUrl(blog.slug, subscriber.id, issuedAt);
  const home = blogUrl(blog.slug, "/");
  const unsubscribeUrl = unsubscribePageUrl(blog.slug, subscriber.id);
  const text = [
    t("mail.greeting"),
    t("mail.confirmIntro", { blog: blog.title }),
    `${t("mail.confirmAsk", { days })}\n${confirmUrl}`,
    t("mail.confirmIgnore"),
    `— ${blog.title}\n${home}\n${t("mail.footerUnsubscribe")} ${unsubscribeUrl}`,
  ].join("\n\n");
  const html = htmlDocument(
    blog.language,
    [
      paragraph(t("mail.greeting")),
      paragraph(t("mail.confirmIntro", { blog: blog.title })),
      paragraph(t("mail.confirmAsk", { days })),
      button(confirmUrl, t("mail.confirmButton")),
      paragraph(t("mail.confirmIgnore")),
    ].join(""),
    `<a href="${escapeHtml(home)}">${escapeHtml(blog.title)}</a> · <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t("mail.unsubscribeLink"))}</a>`,
  );
  return {
    key: `confirm:${subscriber.id}:${issuedAt}`,
    kind: CONFIRMATION_KIND,
    blogId: blog.id,
    to: subscriber.email,
    subject: t("mail.confirmSubject", { blog: blog.title }),
    text,
    html,
    headers: listHeaders(blog, subscriber.id),
  };
}

/** Relative addresses of a post's body ("/static/…") made absolute on the blog's host, for mail programs. */
function absoluteLinks(html: string, blogSlug: string): string {
  const origin = blogUrl(blogSlug, "");
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${origin}/`);
}

/**
 * The mail of a new post, for one subscriber after another: everything but the recipient and the
 * unsubscribe links is prepared once (fan-out to ten thousand subscribers builds ten thousand mails).
 */
export function postMailer(blog: MailBlog, post: MailPost, fullText: boolean): (subscriber: MailSubscriber) => OutgoingEmail {
  const t = getTranslator(blog.language);
  const subject = t("mail.postSubject", { blog: blog.title, title: post.title });
  const textContent = fullText ? post.bodyMarkdown.trim() : post.excerpt;
  const textHead = `${post.title}\n${"=".repeat(Math.min(post.title.length, 72))}\n\n${textContent}\n\n${t("mail.postReadMore")}\n${post.url}\n\n—\n${t("mail.footerWhy", { blog: blog.title })}\n${t("mail.footerUnsubscribe")} `;
  const htmlContent = fullText ? absoluteLinks(post.bodyHtml, blog.slug) : paragraph(post.excerpt);
  const htmlBody = `<h1 style="font-size:1.6em;margin:0 0 .8em">${escapeHtml(post.title)}</h1>${htmlContent}${button(post.url, t("mail.postReadButton"))}`;
  const footerHead = `${escapeHtml(t("mail.footerWhy", { blog: blog.title }))}<br>`;
  const unsubscribeLabel = escapeHtml(t("mail.unsubscribeLink"));
  return (subscriber) => {
    const unsubscribeUrl = unsubscribePageUrl(blog.slug, subscriber.id);
    return {
      key: `post:${post.id}:${subscriber.id}`,
      kind: POST_KIND,
      blogId: blog.id,
      to: subscriber.email,
      subject,
      text: `${textHead}${unsubscribeUrl}\n`,
      html: htmlDocument(blog.language, htmlBody, `${footerHead}<a href="${escapeHtml(unsubscribeUrl)}">${unsubscribeLabel}</a>`),
      headers: listHeaders(blog, subscriber.id),
    };
  };
}
