import type { Element, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";

// Imported post bodies arrive as HTML written by strangers. They are sanitised first (the same safe
// subset as Carnet's renderer: no script, no event handler, no javascript: or data: URL), then turned
// into Markdown; tables stay tables (GFM). Elements Markdown cannot say (superscript, subscript,
// insertions, disclosure boxes) stay as small sanitised HTML blocks rather than being dropped.

/** The longest body converted; longer ones are refused by name (a post is rarely a tenth of that). */
export const MAX_IMPORTED_HTML_CHARS = 1_000_000;

const sanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
};

const KEPT_AS_HTML = ["sup", "sub", "ins", "details"] as const;
const keepAsHtml = (_state: unknown, node: Element) => ({ type: "html" as const, value: toHtml(node) });

const htmlToMarkdownProcessor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeRemark, { handlers: Object.fromEntries(KEPT_AS_HTML.map((name) => [name, keepAsHtml])) })
  .use(remarkGfm)
  .use(remarkStringify, { bullet: "-", emphasis: "_", fences: true, rule: "-" });

const textProcessor = unified().use(rehypeParse, { fragment: true });

/** WordPress stores bodies without paragraphs (its editor adds them on display): blank lines make them. */
export function addParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (/^<(?:h[1-6]|ul|ol|table|blockquote|pre|div|figure|hr)[\s>]/i.test(block) ? block : `<p>${block.replace(/\n/g, "<br>\n")}</p>`))
    .join("\n");
}

/** Markdown of an imported HTML body. Throws for a body over MAX_IMPORTED_HTML_CHARS. */
export function htmlToMarkdown(html: string, options: { addParagraphs?: boolean } = {}): string {
  if (html.length > MAX_IMPORTED_HTML_CHARS) throw new RangeError("imported body too long");
  const source = options.addParagraphs ? addParagraphs(html) : html;
  return String(htmlToMarkdownProcessor.processSync(source)).trim();
}

/** The text of an imported comment written in HTML, with its paragraphs and line breaks. */
export function htmlToPlainText(html: string): string {
  if (html.length > MAX_IMPORTED_HTML_CHARS) throw new RangeError("imported comment too long");
  const tree = textProcessor.parse(addParagraphs(html)) as HastRoot;
  return toText(tree, { whitespace: "normal" }).replace(/\n{3,}/g, "\n\n").trim();
}

const markdownImage = /!\[[^\]]*\]\(<?(https?:\/\/[^)\s>]+)>?(?:\s+"[^"]*")?\)/g;

/** The distinct web addresses of the images of a Markdown body. */
export function imageSources(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(markdownImage)].map((match) => match[1] as string))];
}

/** The Markdown with each image address found in `replacements` swapped for its new one. */
export function replaceImageSources(markdown: string, replacements: ReadonlyMap<string, string>): string {
  return markdown.replace(markdownImage, (whole, source: string) => {
    const replacement = replacements.get(source);
    return replacement ? whole.replace(source, replacement) : whole;
  });
}
