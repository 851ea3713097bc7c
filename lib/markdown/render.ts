import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import rehypeExternalLinks from "rehype-external-links";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// A blogger is a stranger: their Markdown gets the same treatment as any untrusted input. Raw HTML
// is dropped by remark-rehype, and the sanitiser keeps only GitHub's safe subset of elements,
// attributes and URL schemes (no script, no on* attributes, no javascript: or data: URLs).
const sanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
  },
};

const markdownToHtml = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, sanitizeSchema)
  // Heading ids come after sanitising, so that they are ours and not the author's.
  .use(rehypeSlug)
  .use(rehypeExternalLinks, { rel: ["nofollow", "ugc", "noopener"] })
  .use(rehypeStringify);

const markdownParser = unified().use(remarkParse).use(remarkGfm);

/** Renders a post's Markdown to sanitised HTML, ready to be stored and served as is. */
export function renderMarkdown(markdown: string): string {
  return String(markdownToHtml.processSync(markdown));
}

const EXCERPT_LENGTH = 240;

/** The first words of a post as plain text, cut on a word boundary, for listings and meta descriptions. */
export function excerptFromMarkdown(markdown: string, maxLength = EXCERPT_LENGTH): string {
  const tree = markdownParser.parse(markdown) as Root;
  const paragraphs = tree.children
    .filter((node) => node.type === "paragraph" || node.type === "blockquote" || node.type === "list")
    .map((node) => toString(node).replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0);
  const text = paragraphs.join(" ");
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?«—-]+$/u, "")}…`;
}
