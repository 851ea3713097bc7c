// A reader's search box text turned into an FTS5 query we wrote ourselves: the words are taken out
// of the text and each is quoted, so quotes, parentheses, AND/OR/NOT/NEAR, column filters and stars
// typed by a reader are never read as FTS5 syntax.

import { escapeHtml } from "@/lib/escape-html";

/** Longer input is cut before it is read at all. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words are searched. */
export const MAX_QUERY_WORDS = 8;

export type SearchTerms = { words: string[]; match: string; truncated: boolean };

/**
 * The words of a search ("Réseaux  sociaux!" → ["Réseaux", "sociaux"]) and their FTS5 MATCH expression
 * (`"Réseaux"* "sociaux"*`: every word, each also as the start of a longer word). Null when there is
 * nothing to search.
 */
export function parseSearchQuery(raw: string): SearchTerms | null {
  const text = raw.slice(0, MAX_QUERY_LENGTH).normalize("NFC");
  const all = text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  // One-letter words ("l'", "d'") match almost everything as prefixes: dropped unless they are digits.
  const useful = all.filter((word) => word.length > 1 || /\p{N}/u.test(word));
  const unique = [...new Set(useful.map((word) => word.toLowerCase()))];
  if (unique.length === 0) return null;
  const words = unique.slice(0, MAX_QUERY_WORDS);
  // Inside an FTS5 string only '"' is special; our words hold none, the replace is belt and braces.
  const match = words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(" ");
  return { words, match, truncated: raw.length > MAX_QUERY_LENGTH || unique.length > MAX_QUERY_WORDS };
}

// snippet() marks matches with these private-use characters; the snippet is escaped first and the
// marks become <mark> afterwards, so no blogger text can open or close an element.
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/**
 * Markdown punctuation that reads badly in a snippet: link targets, emphasis, heading and quote marks.
 * A snippet holds whatever a blogger wrote between its words: each pattern stops at the next bracket or
 * parenthesis, so that no run of them (« [[[[… », « ](](… ») makes it read the text more than once.
 */
function plainFromMarkdown(text: string): string {
  return text
    .replace(/!?\[([^[\]]*)\]\([^()]*\)?/g, "$1")
    .replace(/\]\([^()]*\)/g, "")
    .replace(/(^|\n)[ \t]*(?:#{1,6}|>+|[-*+]|\d+\.)[ \t]+/g, "$1")
    .replace(/\*+|`+|~~|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A snippet from FTS5 as safe HTML: escaped text, matches in <mark>, always balanced. */
export function snippetToHtml(snippet: string): string {
  let html = "";
  let open = false;
  for (const part of plainFromMarkdown(snippet).split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) html += "<mark>";
      open = true;
    } else if (part === MARK_END) {
      if (open) html += "</mark>";
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
