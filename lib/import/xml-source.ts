import { SaxesParser, type SaxesTagPlain } from "saxes";
import { slugify } from "@/lib/posts/slug";
import { importedSeoField, SEO_DESCRIPTION_MAX, SEO_TITLE_MAX, WXR_SEO_META } from "@/lib/posts/seo";
import { ImportSourceError, type SourceComment, type SourcePost } from "./source-items";

// WordPress exports (WXR 1.1/1.2), RSS 2.0 and Atom feeds, read as a stream: whatever the size of the
// file, memory holds one item at a time. The parser knows no DOCTYPE: a document that declares one
// (where entity bombs and external entities live) is refused before anything is read from it.

/** The longest text kept from one element (a post's body, a comment): longer ones are cut and reported. */
export const MAX_FIELD_CHARS = 2_000_000;

export type XmlSourceFormat = "wxr" | "rss" | "atom";

export type XmlSourceEvent =
  | { type: "format"; format: XmlSourceFormat; siteUrl: string | null }
  | { type: "post"; post: SourcePost; truncated: boolean }
  | { type: "attachment"; sourceId: string; url: string }
  // An item that is not imported (menus, trashed posts, revisions…): counted, nothing else.
  | { type: "other" };

type Fields = Map<string, string>;
type OpenComment = { fields: Fields };
type OpenItem = {
  fields: Fields;
  categories: { domain: string; name: string }[];
  meta: Map<string, string>;
  comments: Fields[];
  alternateLink: string | null;
  truncated: boolean;
};

const ITEM_ELEMENTS = new Set(["item", "entry"]);

/** The encoding a document declares in its first bytes; UTF-8 unless it says otherwise. */
function declaredEncoding(head: Uint8Array): string {
  const text = new TextDecoder("latin1").decode(head.subarray(0, 200));
  const match = /^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(text);
  const name = (match?.[1] ?? "utf-8").toLowerCase();
  if (["utf-8", "utf8", "iso-8859-1", "latin1", "windows-1252", "iso-8859-15"].includes(name)) return name;
  throw new ImportSourceError("import.errors.encoding", { encoding: name });
}

/** "2012-06-24 18:30:00" read as UTC; null for WordPress's "0000-00-00 00:00:00" and anything unreadable. */
export function parseWordPressDate(value: string | undefined): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value?.trim() ?? "");
  if (!match || match[1] === "0000") return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(time) ? null : time;
}

function parseFeedDate(value: string | undefined): number | null {
  if (!value?.trim()) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : time;
}

/** The path and query of an address ("/2019/03/mon-billet/", "/?p=123"), or null when it is not one. */
export function pathOfAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  try {
    const url = new URL(address.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

function sourceSlug(name: string | undefined, title: string): string {
  let decoded = name ?? "";
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape: the name as it is.
  }
  return slugify(decoded) || slugify(title);
}

function wxrStatus(status: string | undefined): SourcePost["status"] | null {
  switch (status) {
    case "publish":
      return "published";
    case "future":
      return "scheduled";
    case "draft":
    case "pending":
    case "private":
      return "draft";
    default:
      // trash, auto-draft, inherit (revisions): not imported.
      return null;
  }
}

function wxrComment(fields: Fields): SourceComment | null {
  const approved = fields.get("wp:comment_approved")?.trim() ?? "0";
  const type = fields.get("wp:comment_type")?.trim() ?? "";
  if (approved === "trash" || (type !== "" && type !== "comment")) return null;
  const parent = fields.get("wp:comment_parent")?.trim() ?? "0";
  return {
    sourceId: fields.get("wp:comment_id")?.trim() ?? "",
    parentSourceId: parent === "0" || parent === "" ? null : parent,
    authorName: fields.get("wp:comment_author")?.trim() ?? "",
    authorEmail: fields.get("wp:comment_author_email")?.trim() ?? "",
    authorUrl: fields.get("wp:comment_author_url")?.trim() || null,
    body: fields.get("wp:comment_content") ?? "",
    createdAt: parseWordPressDate(fields.get("wp:comment_date_gmt")) ?? parseWordPressDate(fields.get("wp:comment_date")),
    status: approved === "1" ? "approved" : approved === "spam" ? "spam" : "pending",
  };
}

function wxrEvent(item: OpenItem, attachments: ReadonlyMap<string, string>): XmlSourceEvent {
  const f = item.fields;
  const type = f.get("wp:post_type")?.trim() ?? "post";
  const id = f.get("wp:post_id")?.trim() ?? "";
  if (type === "attachment") {
    const url = f.get("wp:attachment_url")?.trim() ?? f.get("guid")?.trim() ?? "";
    return id && url ? { type: "attachment", sourceId: id, url } : { type: "other" };
  }
  const status = wxrStatus(f.get("wp:status")?.trim());
  if ((type !== "post" && type !== "page") || !status || !id) return { type: "other" };
  const title = f.get("title")?.trim() ?? "";
  const oldAddresses = [
    pathOfAddress(f.get("link")),
    pathOfAddress(f.get("guid")),
    type === "page" ? `/?page_id=${id}` : `/?p=${id}`,
  ].filter((path): path is string => path !== null && path !== "/");
  const thumbnail = item.meta.get("_thumbnail_id")?.trim();
  return {
    type: "post",
    truncated: item.truncated,
    post: {
      sourceKey: `wxr:post:${id}`,
      isPage: type === "page",
      title,
      slug: sourceSlug(f.get("wp:post_name"), title),
      html: f.get("content:encoded") ?? "",
      excerpt: f.get("excerpt:encoded")?.trim() ?? "",
      status,
      publishedAt: parseWordPressDate(f.get("wp:post_date_gmt")) ?? parseFeedDate(f.get("pubDate")) ?? parseWordPressDate(f.get("wp:post_date")),
      categories: item.categories.filter((c) => c.domain === "category").map((c) => c.name),
      tags: item.categories.filter((c) => c.domain === "post_tag").map((c) => c.name),
      oldAddresses: [...new Set(oldAddresses)],
      featuredImageUrl: thumbnail ? (attachments.get(thumbnail) ?? null) : null,
      comments: item.comments.map(wxrComment).filter((comment): comment is SourceComment => comment !== null),
      seoTitle: importedSeoField(item.meta.get(WXR_SEO_META.title), SEO_TITLE_MAX),
      seoDescription: importedSeoField(item.meta.get(WXR_SEO_META.description), SEO_DESCRIPTION_MAX),
    },
  };
}

function feedEvent(item: OpenItem, format: "rss" | "atom"): XmlSourceEvent {
  const f = item.fields;
  const title = f.get("title")?.trim() ?? "";
  const link = format === "atom" ? item.alternateLink : (f.get("link")?.trim() ?? null);
  const id = (format === "atom" ? f.get("id") : f.get("guid"))?.trim() || link;
  if (!id) return { type: "other" };
  const html = format === "atom" ? (f.get("content") ?? f.get("summary") ?? "") : (f.get("content:encoded") ?? f.get("description") ?? "");
  const linkPath = pathOfAddress(link);
  const names = item.categories.map((c) => c.name).filter(Boolean);
  return {
    type: "post",
    truncated: item.truncated,
    post: {
      sourceKey: `feed:${id}`,
      isPage: false,
      title,
      slug: sourceSlug(linkPath?.split("/").filter(Boolean).pop()?.replace(/\.html?$/, ""), title),
      html,
      excerpt: "",
      status: "published",
      publishedAt: format === "atom" ? (parseFeedDate(f.get("published")) ?? parseFeedDate(f.get("updated"))) : parseFeedDate(f.get("pubDate") ?? f.get("dc:date")),
      // A feed says nothing of which category is the main one: the first is, the others become tags.
      categories: names.slice(0, 1),
      tags: names.slice(1),
      oldAddresses: linkPath && linkPath !== "/" ? [linkPath] : [],
      featuredImageUrl: null,
      comments: [],
    },
  };
}

/**
 * Reads a WXR file, an RSS or an Atom feed as a stream of events: its format first, then one event per
 * item. `attachments` maps WordPress attachment ids to their address (from a first pass), for featured images.
 * Throws ImportSourceError for a document that is malformed, truncated, of another format or declares a DOCTYPE.
 */
export async function* readXmlSource(
  input: AsyncIterable<Uint8Array | string>,
  attachments: ReadonlyMap<string, string> = new Map(),
): AsyncGenerator<XmlSourceEvent> {
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const pending: XmlSourceEvent[] = [];
  const stack: string[] = [];
  let format: XmlSourceFormat | null = null;
  let rootSeen = false;
  let channelLink: string | null = null;
  let sawWxrVersion = false;
  let formatAnnounced = false;
  let item: OpenItem | null = null;
  let comment: OpenComment | null = null;
  let metaKey = "";
  let metaValue = "";
  let text = "";
  let textTooLong = false;
  let category: { domain: string } | null = null;
  let failure: ImportSourceError | null = null;

  const announce = () => {
    if (formatAnnounced || !format) return;
    formatAnnounced = true;
    pending.push({ type: "format", format: format === "rss" && sawWxrVersion ? "wxr" : format, siteUrl: channelLink });
  };

  parser.on("doctype", () => {
    failure ??= new ImportSourceError("import.errors.doctype");
    throw failure;
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (!rootSeen) {
      rootSeen = true;
      if (name === "rss") format = "rss";
      else if (name === "feed") format = "atom";
      else {
        failure ??= new ImportSourceError("import.errors.otherFormat");
        throw failure;
      }
    }
    stack.push(name);
    text = "";
    textTooLong = false;
    if (ITEM_ELEMENTS.has(name) && !item) {
      announce();
      item = { fields: new Map(), categories: [], meta: new Map(), comments: [], alternateLink: null, truncated: false };
    } else if (item && name === "wp:comment") {
      comment = { fields: new Map() };
    } else if (item && name === "category") {
      category = { domain: String(tag.attributes.domain ?? "") };
      // Atom names its categories in an attribute.
      if (format === "atom") item.categories.push({ domain: "", name: String(tag.attributes.label ?? tag.attributes.term ?? "") });
    } else if (item && format === "atom" && name === "link") {
      const rel = String(tag.attributes.rel ?? "alternate");
      if (rel === "alternate" && !item.alternateLink) item.alternateLink = String(tag.attributes.href ?? "") || null;
    }
  });
  const addText = (chunk: string) => {
    if (textTooLong) return;
    if (text.length + chunk.length > MAX_FIELD_CHARS) {
      textTooLong = true;
      text += chunk.slice(0, MAX_FIELD_CHARS - text.length);
      if (item) item.truncated = true;
      return;
    }
    text += chunk;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", (tag) => {
    const name = tag.name;
    stack.pop();
    const value = text;
    text = "";
    if (item) {
      if (ITEM_ELEMENTS.has(name) && stack.every((open) => !ITEM_ELEMENTS.has(open))) {
        const done = item;
        item = null;
        pending.push(format === "atom" ? feedEvent(done, "atom") : sawWxrVersion ? wxrEvent(done, attachments) : feedEvent(done, "rss"));
      } else if (comment) {
        if (name === "wp:comment") {
          item.comments.push(comment.fields);
          comment = null;
        } else if (!comment.fields.has(name)) comment.fields.set(name, value);
      } else if (name === "category" && category) {
        if (format !== "atom") item.categories.push({ domain: category.domain, name: value.trim() });
        category = null;
      } else if (name === "wp:meta_key") metaKey = value.trim();
      else if (name === "wp:meta_value") metaValue = value;
      else if (name === "wp:postmeta") {
        if (metaKey) item.meta.set(metaKey, metaValue);
        metaKey = "";
        metaValue = "";
      } else if (!item.fields.has(name)) item.fields.set(name, value);
      return;
    }
    if (name === "wp:wxr_version") sawWxrVersion = true;
    else if (name === "link" && stack.at(-1) === "channel") channelLink = value.trim() || null;
  });

  let decoder: TextDecoder | null = null;
  const feed = (chunk: string) => {
    try {
      parser.write(chunk);
    } catch (error) {
      if (failure) throw failure;
      throw new ImportSourceError("import.errors.malformed", { line: parser.line, reason: (error as Error).message.split("\n")[0]?.slice(0, 200) ?? "" });
    }
  };
  for await (const chunk of input) {
    if (typeof chunk === "string") feed(chunk);
    else {
      decoder ??= new TextDecoder(declaredEncoding(chunk));
      feed(decoder.decode(chunk, { stream: true }));
    }
    yield* pending.splice(0);
  }
  if (decoder) feed(decoder.decode());
  try {
    parser.close();
  } catch (error) {
    if (failure) throw failure;
    throw new ImportSourceError(rootSeen ? "import.errors.truncated" : "import.errors.empty", { reason: (error as Error).message.split("\n")[0]?.slice(0, 200) ?? "" });
  }
  if (!rootSeen) throw new ImportSourceError("import.errors.empty", { reason: "" });
  announce();
  yield* pending.splice(0);
}
