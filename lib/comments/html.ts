import type { Language } from "@/lib/db/schema";
import { escapeHtml } from "@/lib/escape-html";
import { formatLongDate, type Translator } from "@/lib/i18n";
import type { PublicComment } from "./queries";
import { commentParagraphs } from "./render";
import { REPLY_CLASS } from "./reply-link";
import { isSafeWebAddress } from "./validation";

// Approved comments are rendered to one HTML string rather than to React elements: an element tree
// costs more bytes and, for 200 comments, most of the render of a cache miss (tests/bench/RESULTS.md
// « Costs that grow with content »); the string is written into the page's HTML alone where the server
// allows it (lib/reader/page-markup.ts), else once more in its React payload. The string is written by a template that
// escapes whatever it is given, in text and in attribute values alike (lib/escape-html.ts:
// & < > " '), unless it is markup built by that same template: nothing a commenter wrote can open a
// tag or an attribute. (hast-util-to-html did the same job at a third of the speed.)

/** Markup made by `html`: the only thing `html` inserts without escaping it. */
class Markup {
  constructor(readonly value: string) {}
}

type Insert = string | number | Markup | null | undefined | readonly Insert[];

function inserted(value: Insert): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(inserted).join("");
  return escapeHtml(String(value));
}

function html(strings: TemplateStringsArray, ...values: Insert[]): Markup {
  let markup = strings[0] ?? "";
  values.forEach((value, index) => {
    markup += inserted(value) + (strings[index + 1] ?? "");
  });
  return new Markup(markup);
}

export type CommentContext = { language: Language; timeZone: string; t: Translator };

/** A comment's text: paragraphs on blank lines, line breaks kept, http(s) addresses as links passing no credit. */
function paragraphsMarkup(text: string): Markup[] {
  return commentParagraphs(text).map(
    (lines) =>
      html`<p dir="auto">${lines.map(
        (segments, index) =>
          html`${index > 0 ? html`<br>` : null}${segments.map((segment) =>
            segment.kind === "link" ? html`<a href="${segment.href}" rel="nofollow ugc noopener">${segment.text}</a>` : segment.text,
          )}`,
      )}</p>`,
  );
}

/** A comment's paragraphs as HTML (the administration's queue shows them as readers will). */
export function commentParagraphsHtml(text: string): string {
  return inserted(paragraphsMarkup(text));
}

// The messages said for every comment are formatted once per list, with a mark where each comment's
// own values go, then filled in per comment (next-intl would otherwise format them 200 times: a tenth
// of the render). Only for messages whose values are inserted as they are (no plural, no select).
const mark = (name: string) => `\u0000${name}\u0000`;

/** An escaped message with marks, with each mark replaced by its value, escaped unless it is markup. */
function filledIn(message: string, values: Record<string, Insert>): Markup {
  return new Markup(message.split(/\u0000(\w+)\u0000/).map((part, index) => (index % 2 === 1 ? inserted(values[part]) : part)).join(""));
}

type Phrases = { wrote: string; replyTo: string; reply: string; authorBadge: string };

function phrasesOf(t: Translator): Phrases {
  return {
    // next-intl returns the message's own text, as strings, around what the tag made (here, its mark).
    wrote: inserted(t.rich("comments.wrote", { author: "", date: mark("date"), name: () => new Markup(mark("name")) as never }) as Insert),
    replyTo: inserted(t("comments.replyToLabel", { author: mark("author") })),
    reply: inserted(t("comments.reply")),
    authorBadge: inserted(t("comments.authorBadge")),
  };
}

/** Who wrote a comment (isolated from the text around it, whatever its direction) and when. */
function bylineMarkup(comment: PublicComment, { language, timeZone }: CommentContext, phrases: Phrases): Markup {
  const website = comment.authorUrl && isSafeWebAddress(comment.authorUrl) ? comment.authorUrl : null;
  const name = website ? html`<a href="${website}" rel="nofollow ugc noopener">${comment.authorName}</a>` : comment.authorName;
  // Rare (the blog's members): its classes stay on it.
  const badge = comment.isMember ? html`<span class="ml-1 rounded bg-[var(--accent)] px-1.5 py-0.5 text-xs font-semibold text-white">${new Markup(phrases.authorBadge)}</span>` : null;
  return html`<p>${filledIn(phrases.wrote, { name: html`<bdi>${name}</bdi>${badge}`, date: formatLongDate(comment.createdAt, language, timeZone) })}</p>`;
}

function commentMarkup(comment: PublicComment, context: CommentContext, phrases: Phrases, footer: Markup | null = null): Markup {
  return html`<article id="commentaire-${comment.id}" aria-label="${comment.authorName}">${bylineMarkup(comment, context, phrases)}${paragraphsMarkup(comment.body)}${footer}</article>`;
}

/** One comment, as the reply page shows it above its form (in an element of class `commentaires`). */
export function commentHtml(comment: PublicComment, context: CommentContext): string {
  return commentMarkup(comment, context, phrasesOf(context.t)).value;
}

/**
 * The approved comments of a post as the items of a list (of class `commentaires`, app/globals.css,
 * which gives them their look): replies under their thread (one level), a « Répondre » link under each
 * thread that leads to the reply page, or opens the form in place (components/comments/reply-forms.tsx).
 */
export function commentThreadsHtml(comments: PublicComment[], articlePath: string, context: CommentContext): string {
  const phrases = phrasesOf(context.t);
  const shown = new Map(comments.map((comment) => [comment.id, comment]));
  // The replies whose first comment was withdrawn stay, under the first of them shown: a reader who
  // answers one is stored under the withdrawn comment (lib/comments/queries.ts, getAnswerableComment),
  // as the rest of the thread, and reads their answer there.
  const standIns = new Map<number, PublicComment>();
  for (const comment of comments) {
    if (comment.parentId !== null && !shown.has(comment.parentId) && !standIns.has(comment.parentId)) standIns.set(comment.parentId, comment);
  }
  // A reply goes under the first comment of its thread that is shown (a reply to a reply too, which
  // an older store may hold); a comment in a loop of parents stays as a comment of its own. None is left out.
  const threadOf = (comment: PublicComment): PublicComment => {
    const parentOf = (reply: PublicComment) => {
      if (reply.parentId === null) return undefined;
      const standIn = standIns.get(reply.parentId);
      return shown.get(reply.parentId) ?? (standIn === reply ? undefined : standIn);
    };
    const seen = new Set([comment.id]);
    let first = comment;
    for (let parent = parentOf(first); parent; parent = parentOf(first)) {
      if (seen.has(parent.id)) return comment;
      seen.add(parent.id);
      first = parent;
    }
    return first;
  };
  const replies = new Map<number, PublicComment[]>();
  for (const comment of comments) {
    const thread = threadOf(comment);
    if (thread === comment) continue;
    const answers = replies.get(thread.id);
    if (answers) answers.push(comment);
    else replies.set(thread.id, [comment]);
  }
  const items = comments.filter((comment) => threadOf(comment) === comment).map((comment) => {
    const reply = html`<a class="${REPLY_CLASS}" href="${articlePath}/repondre/${comment.id}" aria-label="${filledIn(phrases.replyTo, { author: comment.authorName })}">${new Markup(phrases.reply)}</a>`;
    const answers = replies.get(comment.id) ?? [];
    const nested = answers.length > 0 ? html`<ol>${answers.map((answer) => html`<li>${commentMarkup(answer, context, phrases)}</li>`)}</ol>` : null;
    return html`<li>${commentMarkup(comment, context, phrases, reply)}${nested}</li>`;
  });
  return inserted(items);
}
