import { LinkifyIt } from "linkify-it";
import { isSafeWebAddress } from "./validation";

// Only addresses written out with http:// or https:// become links: no e-mail, ftp, protocol-relative
// or bare domain guessing.
const linkify = new LinkifyIt()
  .add("ftp:", null)
  .add("mailto:", null)
  .add("//", null)
  .set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

export type CommentSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** The web addresses in a comment, as linkify-it finds them and only those a reader may follow. */
export function findCommentLinks(text: string): { index: number; lastIndex: number; text: string; href: string }[] {
  return (linkify.match(text) ?? [])
    .filter((match) => isSafeWebAddress(match.url))
    .map((match) => ({ index: match.index, lastIndex: match.lastIndex, text: match.raw, href: match.url }));
}

function lineSegments(line: string): CommentSegment[] {
  const segments: CommentSegment[] = [];
  let position = 0;
  for (const link of findCommentLinks(line)) {
    if (link.index > position) segments.push({ kind: "text", text: line.slice(position, link.index) });
    segments.push({ kind: "link", text: link.text, href: link.href });
    position = link.lastIndex;
  }
  if (position < line.length) segments.push({ kind: "text", text: line.slice(position) });
  return segments;
}

/**
 * A comment's text as paragraphs (blank lines) of lines (line breaks) of text and links. Everything
 * stays text: the caller (lib/comments/html.ts) escapes it.
 */
export function commentParagraphs(text: string): CommentSegment[][][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, "").split("\n").map(lineSegments));
}
