import { TZDate } from "@date-fns/tz";
import type { CommentStatus, PostStatus } from "@/lib/db/schema";
import { xmlElement, xmlText } from "@/lib/seo/xml";

// WordPress eXtended RSS 1.2, the element set WordPress's own exporter writes (wp-admin/includes/export.php),
// so that WordPress's importer, and every platform that copies it, reads a Carnet export.

export const WXR_VERSION = "1.2";

export type WxrChannel = {
  title: string;
  /** The blog's address (https://slug.root). */
  link: string;
  description: string;
  language: string;
  generatedAt: number;
  authors: WxrAuthor[];
  categories: WxrTerm[];
  tags: WxrTerm[];
};

export type WxrAuthor = { id: number; login: string; email: string; displayName: string };
export type WxrTerm = { id: number; slug: string; name: string };

export type WxrComment = {
  id: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
  createdAt: number;
};

export type WxrPost = {
  id: number;
  title: string;
  link: string;
  slug: string;
  authorLogin: string;
  html: string;
  excerpt: string;
  status: PostStatus;
  /** Publication instant (or planned one); null for a draft never published. */
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
  category: WxrTerm | null;
  tags: WxrTerm[];
  /** Post meta, WordPress-style (`_thumbnail_id` for the cover, `_carnet_markdown` for the source text). */
  meta: { key: string; value: string }[];
  comments: WxrComment[];
};

export type WxrAttachment = {
  id: number;
  title: string;
  url: string;
  fileName: string;
  alt: string;
  authorLogin: string;
  createdAt: number;
};

const NAMESPACES = {
  "xmlns:excerpt": `http://wordpress.org/export/${WXR_VERSION}/excerpt/`,
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:wfw": "http://wellformedweb.org/CommentAPI/",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  "xmlns:wp": `http://wordpress.org/export/${WXR_VERSION}/`,
};

// Characters XML 1.0 forbids even inside CDATA.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text in CDATA sections, as WordPress writes it: a `]]>` inside the text would end the section early,
 * so the section is closed after `]]` and a new one opens before `>` (the text reads back unchanged).
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(FORBIDDEN, "").replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

const cdataElement = (name: string, text: string, attributes: Record<string, string> = {}) =>
  `<${name}${Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlText(value)}"`)
    .join("")}>${cdata(text)}</${name}>`;

const pad = (value: number) => String(value).padStart(2, "0");

/** "2012-06-24 18:05:00": WordPress's date format, in the given time zone (UTC for the *_gmt fields). */
export function wxrDate(epochMs: number, timeZone = "UTC"): string {
  const date = new TZDate(epochMs, timeZone);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// What WordPress writes for a draft that was never given a date.
const NO_DATE = "0000-00-00 00:00:00";

const WP_STATUS: Record<PostStatus, string> = { published: "publish", scheduled: "future", draft: "draft" };

// WordPress: "1" approved, "0" waiting, "spam", "trash".
const WP_COMMENT_STATUS: Record<CommentStatus, string> = { approved: "1", pending: "0", spam: "spam", trash: "trash" };

/** Everything before the first item: the channel, its authors, categories and tags. */
export function wxrHead(channel: WxrChannel): string {
  const lines = [
    `<?xml version="1.0" encoding="UTF-8" ?>`,
    `<!-- Export WXR ${WXR_VERSION} de Carnet : WordPress (Outils › Importer › WordPress) et Carnet savent le relire. -->`,
    `<rss version="2.0" ${Object.entries(NAMESPACES)
      .map(([name, uri]) => `${name}="${uri}"`)
      .join(" ")}>`,
    "<channel>",
    xmlElement("title", channel.title),
    xmlElement("link", channel.link),
    xmlElement("description", channel.description),
    xmlElement("pubDate", new Date(channel.generatedAt).toUTCString()),
    xmlElement("language", channel.language),
    xmlElement("wp:wxr_version", WXR_VERSION),
    xmlElement("wp:base_site_url", channel.link),
    xmlElement("wp:base_blog_url", channel.link),
    ...channel.authors.map(
      (author) =>
        `<wp:author>${xmlElement("wp:author_id", String(author.id))}${cdataElement("wp:author_login", author.login)}${cdataElement(
          "wp:author_email",
          author.email,
        )}${cdataElement("wp:author_display_name", author.displayName)}${cdataElement("wp:author_first_name", "")}${cdataElement("wp:author_last_name", "")}</wp:author>`,
    ),
    ...channel.categories.map(
      (term) =>
        `<wp:category>${xmlElement("wp:term_id", String(term.id))}${cdataElement("wp:category_nicename", term.slug)}${cdataElement(
          "wp:category_parent",
          "",
        )}${cdataElement("wp:cat_name", term.name)}</wp:category>`,
    ),
    ...channel.tags.map(
      (term) => `<wp:tag>${xmlElement("wp:term_id", String(term.id))}${cdataElement("wp:tag_slug", term.slug)}${cdataElement("wp:tag_name", term.name)}</wp:tag>`,
    ),
    xmlElement("generator", "Carnet"),
  ];
  return `${lines.join("\n")}\n`;
}

function commentXml(comment: WxrComment, timeZone: string): string {
  return [
    "<wp:comment>",
    xmlElement("wp:comment_id", String(comment.id)),
    cdataElement("wp:comment_author", comment.authorName),
    cdataElement("wp:comment_author_email", comment.authorEmail),
    xmlElement("wp:comment_author_url", comment.authorUrl ?? ""),
    cdataElement("wp:comment_author_IP", ""),
    xmlElement("wp:comment_date", wxrDate(comment.createdAt, timeZone)),
    xmlElement("wp:comment_date_gmt", wxrDate(comment.createdAt)),
    cdataElement("wp:comment_content", comment.body),
    xmlElement("wp:comment_approved", WP_COMMENT_STATUS[comment.status]),
    cdataElement("wp:comment_type", "comment"),
    xmlElement("wp:comment_parent", String(comment.parentId ?? 0)),
    xmlElement("wp:comment_user_id", "0"),
    "</wp:comment>",
  ].join("");
}

const postMetaXml = (meta: { key: string; value: string }) =>
  `<wp:postmeta>${cdataElement("wp:meta_key", meta.key)}${cdataElement("wp:meta_value", meta.value)}</wp:postmeta>`;

/** One post as an <item>, with its category, tags, meta and comments (threaded by wp:comment_parent). */
export function wxrPostItem(post: WxrPost, timeZone: string): string {
  // A draft keeps its last change as local date and no GMT date, as WordPress does.
  const dated = post.publishedAt ?? post.updatedAt;
  return [
    "<item>",
    xmlElement("title", post.title),
    xmlElement("link", post.link),
    xmlElement("pubDate", new Date(dated).toUTCString()),
    cdataElement("dc:creator", post.authorLogin),
    xmlElement("guid", post.link, { isPermaLink: "false" }),
    xmlElement("description", ""),
    cdataElement("content:encoded", post.html),
    cdataElement("excerpt:encoded", post.excerpt),
    xmlElement("wp:post_id", String(post.id)),
    cdataElement("wp:post_date", wxrDate(dated, timeZone)),
    cdataElement("wp:post_date_gmt", post.publishedAt === null ? NO_DATE : wxrDate(post.publishedAt)),
    cdataElement("wp:post_modified", wxrDate(post.updatedAt, timeZone)),
    cdataElement("wp:post_modified_gmt", wxrDate(post.updatedAt)),
    cdataElement("wp:comment_status", "open"),
    cdataElement("wp:ping_status", "closed"),
    cdataElement("wp:post_name", post.slug),
    cdataElement("wp:status", WP_STATUS[post.status]),
    xmlElement("wp:post_parent", "0"),
    xmlElement("wp:menu_order", "0"),
    cdataElement("wp:post_type", "post"),
    cdataElement("wp:post_password", ""),
    xmlElement("wp:is_sticky", "0"),
    ...(post.category ? [cdataElement("category", post.category.name, { domain: "category", nicename: post.category.slug })] : []),
    ...post.tags.map((tag) => cdataElement("category", tag.name, { domain: "post_tag", nicename: tag.slug })),
    ...post.meta.map(postMetaXml),
    ...post.comments.map((comment) => commentXml(comment, timeZone)),
    "</item>\n",
  ].join("\n");
}

/** One medium as an attachment <item>: WordPress downloads it from wp:attachment_url. */
export function wxrAttachmentItem(attachment: WxrAttachment, timeZone: string): string {
  return [
    "<item>",
    xmlElement("title", attachment.title),
    xmlElement("link", attachment.url),
    xmlElement("pubDate", new Date(attachment.createdAt).toUTCString()),
    cdataElement("dc:creator", attachment.authorLogin),
    xmlElement("guid", attachment.url, { isPermaLink: "false" }),
    xmlElement("description", ""),
    cdataElement("content:encoded", ""),
    cdataElement("excerpt:encoded", ""),
    xmlElement("wp:post_id", String(attachment.id)),
    cdataElement("wp:post_date", wxrDate(attachment.createdAt, timeZone)),
    cdataElement("wp:post_date_gmt", wxrDate(attachment.createdAt)),
    cdataElement("wp:comment_status", "closed"),
    cdataElement("wp:ping_status", "closed"),
    cdataElement("wp:post_name", attachment.fileName.replace(/\.[a-z]+$/, "")),
    cdataElement("wp:status", "inherit"),
    xmlElement("wp:post_parent", "0"),
    xmlElement("wp:menu_order", "0"),
    cdataElement("wp:post_type", "attachment"),
    cdataElement("wp:post_password", ""),
    xmlElement("wp:is_sticky", "0"),
    cdataElement("wp:attachment_url", attachment.url),
    postMetaXml({ key: "_wp_attached_file", value: attachment.fileName }),
    ...(attachment.alt ? [postMetaXml({ key: "_wp_attachment_image_alt", value: attachment.alt })] : []),
    "</item>\n",
  ].join("\n");
}

export const WXR_TAIL = "</channel>\n</rss>\n";
