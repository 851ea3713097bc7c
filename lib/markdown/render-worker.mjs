// A thread of the Markdown render pool (lib/markdown/render.ts): the pipeline of blog posts.
// Plain JavaScript on purpose: the worker thread loads it from its path on disk with Node alone, outside
// Next's bundles and without a TypeScript loader, in every way Carnet runs (npm start, next start,
// Vitest, the CLI). Its cost grows with the author's text: nothing on the main thread runs it.
import { toString } from "mdast-util-to-string";
import rehypeExternalLinks from "rehype-external-links";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

// Every id in a post starts with this, so that no heading (« # __next_f ») or footnote can name a
// global of the page through the DOM's named access.
export const ID_PREFIX = "user-content-";

// A blogger is a stranger: their Markdown gets the same treatment as any untrusted input. Raw HTML
// is dropped by remark-rehype, and the sanitiser keeps only GitHub's safe subset of elements,
// attributes and URL schemes (no script, no on* attributes, no javascript: or data: URLs), and
// prefixes every id (and the aria references to ids) with ID_PREFIX.
const sanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: ID_PREFIX,
  protocols: {
    ...defaultSchema.protocols,
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
  },
};

/**
 * In-page links (`[plus bas](#titre)`, footnote calls) written against the unprefixed ids: pointed at
 * the prefixed id when the post has it, so that anchors keep working without any script.
 */
function rehypeFragmentLinks() {
  return (tree) => {
    const ids = new Set();
    visit(tree, "element", (node) => {
      if (typeof node.properties.id === "string") ids.add(node.properties.id);
    });
    visit(tree, "element", (node) => {
      const href = node.tagName === "a" ? node.properties.href : undefined;
      if (typeof href !== "string" || !href.startsWith("#")) return;
      let target;
      try {
        target = decodeURIComponent(href.slice(1));
      } catch {
        return;
      }
      if (!ids.has(target) && ids.has(ID_PREFIX + target)) node.properties.href = `#${ID_PREFIX}${target}`;
    });
  };
}

const parser = unified().use(remarkParse).use(remarkGfm);
const toHtml = unified()
  // Footnote ids are left bare here: the sanitiser prefixes them, once.
  .use(remarkRehype, { clobberPrefix: "" })
  .use(rehypeSanitize, sanitizeSchema)
  // Heading ids come after sanitising, so that they are ours and not the author's, prefixed all the same.
  .use(rehypeSlug, { prefix: ID_PREFIX })
  .use(rehypeFragmentLinks)
  .use(rehypeExternalLinks, { rel: ["nofollow", "ugc", "noopener"] })
  .use(rehypeStringify);

const EXCERPT_LENGTH = 240;

/** The first words of a post as plain text, cut on a word boundary, for listings and meta descriptions. */
function excerptFromTree(tree, maxLength = EXCERPT_LENGTH) {
  const paragraphs = tree.children
    .filter((node) => node.type === "paragraph" || node.type === "blockquote" || node.type === "list")
    // An image's description is not the post's words: a summary never reads « Photo du port au matin ».
    .map((node) => toString(node, { includeImageAlt: false }).replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0);
  const text = paragraphs.join(" ");
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?«—-]+$/u, "")}…`;
}

/**
 * A post's Markdown as sanitised HTML, ready to be stored and served as is, and its excerpt, from one
 * parse. Runs on the calling thread: only the render worker calls it.
 */
export function renderMarkdownInThisThread(markdown) {
  const mdast = parser.parse(markdown);
  const excerpt = excerptFromTree(mdast);
  const hast = toHtml.runSync(mdast);
  return { html: String(toHtml.stringify(hast)), excerpt };
}

/** The pool's task: says it has started (the time limit runs from then), then renders. */
export default function render({ markdown, started }) {
  started.postMessage("started");
  started.close();
  return renderMarkdownInThisThread(markdown);
}
