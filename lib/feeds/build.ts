import type { Language } from "@/lib/db/schema";
import { articlePath } from "@/lib/posts/paths";
import { xmlElement, xmlText } from "@/lib/seo/xml";
import { blogUrl } from "@/lib/urls";
import { feedPath, FEED_CONTENT_TYPES } from "./paths";

export type FeedPost = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  bodyHtml: string;
  publishedAt: number;
  updatedAt: number;
  authorName: string;
  categoryName: string | null;
};

export type FeedInput = {
  blog: { slug: string; title: string; description: string; language: Language; timeZone: string; fullText: boolean };
  /** A category's or a tag's feed (its listing's address and the feed's title); the whole blog's otherwise. */
  listing?: { path: string; title: string };
  posts: FeedPost[];
};

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** Post HTML with its site-relative links and images made absolute: feed readers have no base address. */
export function absolutizeHtml(html: string, origin: string): string {
  return html.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${origin}/`);
}

function describe(input: FeedInput) {
  const { blog, listing } = input;
  const origin = blogUrl(blog.slug, "").replace(/\/$/, "");
  return {
    origin,
    title: listing ? listing.title : blog.title,
    description: blog.description || blog.title,
    home: blogUrl(blog.slug, listing ? listing.path : "/"),
    self: (format: "rss" | "atom") => blogUrl(blog.slug, feedPath(format, listing?.path)),
    postUrl: (post: FeedPost) => blogUrl(blog.slug, articlePath(post, blog.timeZone)),
    updated: input.posts.reduce((latest, post) => Math.max(latest, post.updatedAt, post.publishedAt), 0),
  };
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with content:encoded for full text. */
export function buildRss(input: FeedInput): string {
  const feed = describe(input);
  const items = input.posts.map((post) => {
    const url = feed.postUrl(post);
    const body = absolutizeHtml(post.bodyHtml, feed.origin);
    return [
      "<item>",
      xmlElement("title", post.title),
      xmlElement("link", url),
      xmlElement("guid", url, { isPermaLink: "true" }),
      xmlElement("pubDate", new Date(post.publishedAt).toUTCString()),
      // RSS's <author> must be an e-mail address: the name goes in dc:creator.
      post.authorName ? xmlElement("dc:creator", post.authorName) : "",
      post.categoryName ? xmlElement("category", post.categoryName) : "",
      xmlElement("description", input.blog.fullText ? body : post.excerpt),
      input.blog.fullText ? xmlElement("content:encoded", body) : "",
      "</item>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return (
    XML_DECLARATION +
    [
      '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
      "<channel>",
      xmlElement("title", feed.title),
      xmlElement("link", feed.home),
      xmlElement("description", feed.description),
      xmlElement("language", input.blog.language),
      feed.updated > 0 ? xmlElement("lastBuildDate", new Date(feed.updated).toUTCString()) : "",
      xmlElement("generator", "Carnet"),
      xmlElement("atom:link", undefined, { href: feed.self("rss"), rel: "self", type: FEED_CONTENT_TYPES.rss }),
      ...items,
      "</channel>",
      "</rss>",
    ]
      .filter(Boolean)
      .join("\n") +
    "\n"
  );
}

/** Atom 1.0 (RFC 4287). */
export function buildAtom(input: FeedInput): string {
  const feed = describe(input);
  const entries = input.posts.map((post) => {
    const url = feed.postUrl(post);
    return [
      "<entry>",
      xmlElement("id", url),
      xmlElement("title", post.title, { type: "text" }),
      xmlElement("link", undefined, { rel: "alternate", type: "text/html", href: url }),
      xmlElement("published", new Date(post.publishedAt).toISOString()),
      xmlElement("updated", new Date(Math.max(post.updatedAt, post.publishedAt)).toISOString()),
      `<author>${xmlElement("name", post.authorName || input.blog.title)}</author>`,
      post.categoryName ? xmlElement("category", undefined, { term: post.categoryName }) : "",
      xmlElement("summary", post.excerpt, { type: "text" }),
      input.blog.fullText ? xmlElement("content", absolutizeHtml(post.bodyHtml, feed.origin), { type: "html" }) : "",
      "</entry>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return (
    XML_DECLARATION +
    [
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(input.blog.language)}">`,
      xmlElement("id", feed.self("atom")),
      xmlElement("title", feed.title, { type: "text" }),
      xmlElement("subtitle", feed.description, { type: "text" }),
      xmlElement("updated", new Date(feed.updated).toISOString()),
      xmlElement("link", undefined, { rel: "alternate", type: "text/html", href: feed.home }),
      xmlElement("link", undefined, { rel: "self", type: FEED_CONTENT_TYPES.atom, href: feed.self("atom") }),
      `<author>${xmlElement("name", input.blog.title)}</author>`,
      xmlElement("generator", "Carnet"),
      ...entries,
      "</feed>",
    ]
      .filter(Boolean)
      .join("\n") +
    "\n"
  );
}
