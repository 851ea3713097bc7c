import { TZDate } from "@date-fns/tz";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { slugify } from "../posts/slug";
import type { SourceComment, SourcePost } from "./source-items";

// Canalblog's public pages, read as HTML (parse5 through hast-util-from-html, in the import's worker
// thread, under its time limit). The shape followed is the one Canalblog has served since about 2010:
// an article is an element of itemtype schema.org/Article holding a date header (« 24 juin 2012 »), its
// title (an <h3>, or an <h2 class="articletitle"> with a bookmark link), its body (div.articlebody, or
// what follows the title) and a footer (« Posté par … à 18:30 - <catégorie> - Permalien »); comments are
// elements of itemprop="comment" in <ul id="comment_list">, a reply nested in the <li> of its parent.

/** The largest Canalblog page read (an article with hundreds of comments stays far below). */
export const MAX_CANALBLOG_PAGE_CHARS = 4_000_000;

/** Canalblog's blogs lived in France: dates on its pages are Paris time. */
export const CANALBLOG_TIME_ZONE = "Europe/Paris";

const ARTICLE_PATH = /^\/archives\/(\d{4})\/(\d{2})\/(\d{2})\/(\d+)\.html?$/;
const MONTH_PATH = /^\/archives\/(\d{4})\/(\d{2})\/index\.html?$/;
const MONTH_PAGE_PATH = /^\/archives\/(\d{4})\/(\d{2})\/p\d+-\d+\.html?$/;
const ALL_ARCHIVES_PATH = /^\/archives\/(?:index\.html?)?$/;
const CATEGORY_PATH = /^\/archives\/([^/]*[^/\d][^/]*)\/index\.html?$/;

/** Whether a path is the address of a Canalblog article ("/archives/2012/06/24/24567890.html"). */
export function isCanalblogArticlePath(path: string): boolean {
  return ARTICLE_PATH.test(path);
}

/** Articles in the order they were written: by the date of their address, then by their number. */
export function compareArticlePaths(a: string, b: string): number {
  const key = (path: string) => {
    const match = ARTICLE_PATH.exec(path);
    return match ? `${match[1]}${match[2]}${match[3]}${(match[4] ?? "").padStart(12, "0")}` : path;
  };
  return key(a).localeCompare(key(b));
}

const FRENCH_MONTHS: Record<string, number> = {
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};

const withoutAccents = (text: string) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "");

/**
 * The instant of a French date as Canalblog writes it (« dimanche 24 juin 2012 », « 1er mai 2010 à
 * 18:30 », « 08 septembre 2010 à 08h44 »), in Paris time; `time` gives the hour when the date has none.
 */
export function parseFrenchDate(text: string, time?: string): number | null {
  const plain = withoutAccents(text.toLowerCase()).replace(/\s+/g, " ");
  const date = /(\d{1,2})(?:er)? (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre) (\d{4})/.exec(plain);
  if (!date) return null;
  const [day, month, year] = [Number(date[1]), FRENCH_MONTHS[date[2] as string] as number, Number(date[3])];
  const clock = /(\d{1,2})\s*[:h]\s*(\d{2})/.exec(plain.slice(date.index + date[0].length)) ?? (time ? /(\d{1,2})\s*[:h]\s*(\d{2})/.exec(time) : null);
  const [hour, minute] = clock ? [Number(clock[1]), Number(clock[2])] : [12, 0];
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const instant = new TZDate(year, month - 1, day, hour, minute, CANALBLOG_TIME_ZONE).getTime();
  return Number.isNaN(instant) ? null : instant;
}

// ---------------------------------------------------------------------------------------------
// A few readers of the hast tree
// ---------------------------------------------------------------------------------------------

const isElement = (node: RootContent | ElementContent | Root): node is Element => node.type === "element";

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child);
  }
}

const prop = (node: Element, name: string): string => {
  const value = node.properties[name];
  if (Array.isArray(value)) return value.join(" ");
  return value === undefined || value === null || value === false ? "" : String(value);
};
const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);
const find = (node: Root | Element, test: (element: Element) => boolean): Element | undefined => {
  for (const element of elements(node)) if (test(element)) return element;
  return undefined;
};
const textOf = (node: Element) => toText(node, { whitespace: "normal" }).replace(/\s+/g, " ").trim();

function absolute(address: string, base: string): URL | null {
  try {
    const url = new URL(address.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function parsePage(html: string): Root {
  if (html.length > MAX_CANALBLOG_PAGE_CHARS) throw new RangeError("Canalblog page too long");
  return fromHtml(html);
}

// ---------------------------------------------------------------------------------------------
// Home and archive pages: where the articles are
// ---------------------------------------------------------------------------------------------

export type CanalblogLinks = {
  // Whether the page says it is Canalblog's (its generator) or links its archives the Canalblog way.
  isCanalblog: boolean;
  months: string[];
  // Further pages of a month's archive ("/archives/2012/06/p10-10.html"), and the page of all archives.
  morePages: string[];
  articles: string[];
};

/** The archive and article addresses a Canalblog page links to, absolute, without their fragment. */
export function readCanalblogLinks(html: string, pageUrl: string): CanalblogLinks {
  const tree = parsePage(html);
  const months = new Set<string>();
  const morePages = new Set<string>();
  const articles = new Set<string>();
  let generator = false;
  for (const element of elements(tree)) {
    if (element.tagName === "meta" && prop(element, "name").toLowerCase() === "generator") {
      generator ||= /canalblog/i.test(prop(element, "content"));
      continue;
    }
    if (element.tagName !== "a") continue;
    const url = absolute(prop(element, "href"), pageUrl);
    if (!url) continue;
    url.hash = "";
    url.search = "";
    if (ARTICLE_PATH.test(url.pathname)) articles.add(url.toString());
    else if (MONTH_PATH.test(url.pathname)) months.add(url.toString());
    else if (MONTH_PAGE_PATH.test(url.pathname) || ALL_ARCHIVES_PATH.test(url.pathname)) morePages.add(url.toString());
  }
  return { isCanalblog: generator || months.size > 0 || articles.size > 0, months: [...months], morePages: [...morePages], articles: [...articles] };
}

// ---------------------------------------------------------------------------------------------
// An article page
// ---------------------------------------------------------------------------------------------

const DROPPED_IN_BODY = new Set(["script", "style", "meta", "link", "noscript", "form", "iframe", "object", "embed"]);
const DROPPED_CLASSES = ["share_widget", "post_rating", "itemfooter", "dateheader", "articletitle", "relatedlinks", "breadcrumb"];

function isCanalblogImageLink(node: Element): boolean {
  if (node.tagName !== "a") return false;
  const onlyImages = node.children.every((child) => (isElement(child) ? child.tagName === "img" : child.type !== "text" || child.value.trim() === ""));
  return onlyImages && node.children.some((child) => isElement(child) && child.tagName === "img") && /\.(?:jpe?g|png|gif|webp)(?:$|\?)/i.test(prop(node, "href"));
}

/** Body content cleaned of Canalblog's furniture, its addresses made absolute. */
function cleanBody(nodes: ElementContent[], base: string): ElementContent[] {
  const cleaned: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === "comment") continue;
    if (!isElement(node)) {
      cleaned.push(node);
      continue;
    }
    if (DROPPED_IN_BODY.has(node.tagName) || DROPPED_CLASSES.some((name) => hasClass(node, name)) || prop(node, "id") === "blognavigationnew") continue;
    // « <a href="…_o.jpg"><img src="…_p.jpg"></a> » opened Canalblog's viewer: Carnet shows the image alone.
    if (isCanalblogImageLink(node)) {
      cleaned.push(...cleanBody(node.children, base));
      continue;
    }
    for (const name of ["href", "src"] as const) {
      if (typeof node.properties[name] === "string") {
        const url = absolute(node.properties[name], base);
        if (url) node.properties[name] = url.toString();
      }
    }
    // Empty anchors (« <a name="24567890"> ») and layout attributes say nothing in Markdown.
    if (node.tagName === "a" && !node.properties.href && node.children.length === 0) continue;
    node.children = cleanBody(node.children, base);
    cleaned.push(node);
  }
  return cleaned;
}

function articleTitle(article: Element, tree: Root): { title: string; heading: Element | undefined } {
  const bookmark = find(article, (element) => element.tagName === "a" && prop(element, "rel").split(" ").includes("bookmark"));
  const heading =
    find(article, (element) => hasClass(element, "articletitle")) ??
    find(article, (element) => element.tagName === "h3") ??
    (bookmark ? undefined : find(article, (element) => element.tagName === "h2" && !hasClass(element, "dateheader")));
  const title = (heading ? textOf(heading) : "") || (bookmark ? prop(bookmark, "title") || textOf(bookmark) : "");
  if (title) return { title, heading };
  const documentTitle = find(tree, (element) => element.tagName === "title");
  return { title: documentTitle ? textOf(documentTitle).replace(/ - [^-]+$/, "") : "", heading };
}

function articleBody(article: Element, heading: Element | undefined, base: string): string {
  const explicit = find(article, (element) => prop(element, "itemProp") === "articleBody" || hasClass(element, "articlebody"));
  let nodes: ElementContent[];
  if (explicit) nodes = explicit.children;
  else {
    // Older pages: the body is what follows the title, up to the footer.
    const children = article.children;
    const start = heading ? children.indexOf(heading) + 1 : 0;
    const footer = children.findIndex((child) => isElement(child) && hasClass(child, "itemfooter"));
    nodes = children.slice(start, footer === -1 ? undefined : footer).filter((child) => !(isElement(child) && child.tagName === "h2"));
  }
  return toHtml({ type: "root", children: cleanBody(structuredClone(nodes), base) }).trim();
}

function articleDate(article: Element, path: string): number | null {
  const header = find(article, (element) => hasClass(element, "dateheader")) ?? find(article, (element) => element.tagName === "h2" && !hasClass(element, "articletitle"));
  const footer = find(article, (element) => hasClass(element, "itemfooter"));
  const time = footer ? (find(footer, (element) => hasClass(element, "articledate")) ?? footer) : undefined;
  const fromHeader = header ? parseFrenchDate(textOf(header), time ? textOf(time).replace(/^.*?\bà\s*/, "") : undefined) : null;
  if (fromHeader) return fromHeader;
  // dateCreated is written in UTC ("2014-07-15T07:53").
  const created = find(article, (element) => element.tagName === "meta" && prop(element, "itemProp") === "dateCreated");
  const stamp = created ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(prop(created, "content")) : null;
  if (stamp) return Date.UTC(Number(stamp[1]), Number(stamp[2]) - 1, Number(stamp[3]), Number(stamp[4]), Number(stamp[5]));
  const fromPath = ARTICLE_PATH.exec(path);
  return fromPath ? new TZDate(Number(fromPath[1]), Number(fromPath[2]) - 1, Number(fromPath[3]), 12, 0, CANALBLOG_TIME_ZONE).getTime() : null;
}

function articleTerms(article: Element, base: string): { categories: string[]; tags: string[] } {
  const footer = find(article, (element) => hasClass(element, "itemfooter"));
  const categories: string[] = [];
  const tags: string[] = [];
  if (!footer) return { categories, tags };
  for (const link of elements(footer)) {
    if (link.tagName !== "a") continue;
    const url = absolute(prop(link, "href"), base);
    const name = textOf(link);
    if (!url || !name) continue;
    if (/^\/tag\//.test(url.pathname)) tags.push(name);
    else if (prop(link, "title") === "Autres messages dans cette catégorie" || CATEGORY_PATH.test(url.pathname)) categories.push(name);
  }
  return { categories: [...new Set(categories)], tags: [...new Set(tags)] };
}

function commentOf(node: Element, parentSourceId: string | null, base: string): SourceComment | null {
  const sourceId = prop(node, "dataCid") || prop(node, "id").replace(/^comment_/, "");
  if (!sourceId) return null;
  const footer = find(node, (element) => hasClass(element, "itemfooter"));
  const footerText = footer ? textOf(footer) : "";
  const authorLink = footer ? find(footer, (element) => element.tagName === "a" && Boolean(prop(element, "href"))) : undefined;
  const authorName = authorLink ? textOf(authorLink) : (/^Posté par\s+(.+?),/.exec(footerText)?.[1] ?? "").trim();
  const authorUrl = authorLink ? (absolute(prop(authorLink, "href"), base)?.toString() ?? null) : null;
  const stamp = footer ? find(footer, (element) => hasClass(element, "timeago")) : undefined;
  const stampMatch = stamp ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(prop(stamp, "title")) : null;
  const createdAt = stampMatch
    ? new TZDate(Number(stampMatch[1]), Number(stampMatch[2]) - 1, Number(stampMatch[3]), Number(stampMatch[4]), Number(stampMatch[5]), CANALBLOG_TIME_ZONE).getTime()
    : parseFrenchDate(footerText);
  // The body: the comment without its footer, nor the replies nested in it.
  const bodyNodes = node.children.filter(
    (child) => !(isElement(child) && (hasClass(child, "itemfooter") || child.tagName === "meta" || child.tagName === "ul" || prop(child, "itemProp") === "comment")),
  );
  const clone = structuredClone(bodyNodes).map((child) => {
    if (isElement(child)) child.children = child.children.filter((inner) => !(isElement(inner) && hasClass(inner, "itemfooter")));
    return child;
  });
  return {
    sourceId,
    parentSourceId,
    authorName,
    authorEmail: "",
    authorUrl,
    body: toHtml({ type: "root", children: clone }),
    createdAt,
    // Canalblog shows approved comments only.
    status: "approved",
  };
}

const isComment = (node: ElementContent): node is Element => isElement(node) && prop(node, "itemProp") === "comment";

/**
 * The comments of a page, each with the comment it answers: a comment's <li> holds the list of its
 * replies. (A comment outside any <li>, as Canalblog writes the first one, answers no one.)
 */
function pageComments(tree: Root, base: string): SourceComment[] {
  const found: SourceComment[] = [];
  const take = (node: Element, parent: string | null): string | null => {
    const comment = commentOf(node, parent, base);
    if (comment) found.push(comment);
    return comment?.sourceId ?? parent;
  };
  const visit = (node: Root | Element, parent: string | null) => {
    const own = isElement(node) && node.tagName === "li" ? node.children.find(isComment) : undefined;
    const context = own ? take(own, parent) : parent;
    for (const child of node.children) {
      if (!isElement(child)) continue;
      // Replies may also sit inside the comment's own element.
      if (child === own) visit(child, context);
      else if (isComment(child)) visit(child, take(child, context));
      else visit(child, context);
    }
  };
  visit(tree, null);
  return found;
}

/** An article page read as a post to import, or null when the page holds no article. */
export function readCanalblogArticle(html: string, pageUrl: string): SourcePost | null {
  const tree = parsePage(html);
  const article =
    find(tree, (element) => /schema\.org\/(?:Blog)?(?:Posting|Article)/i.test(prop(element, "itemType"))) ??
    find(tree, (element) => hasClass(element, "item_div"));
  if (!article) return null;
  // The article's own address (a saved copy may have been read from anywhere) resolves its links.
  const declared = find(article, (element) => element.tagName === "meta" && prop(element, "itemProp") === "url");
  const canonical = find(tree, (element) => element.tagName === "link" && prop(element, "rel") === "canonical");
  const stated = declared ? prop(declared, "content") : canonical ? prop(canonical, "href") : "";
  const base = (stated && absolute(stated, pageUrl)?.toString()) || pageUrl;
  const basePath = new URL(base).pathname;
  const path = ARTICLE_PATH.test(basePath) ? basePath : new URL(pageUrl).pathname;
  const articleId = ARTICLE_PATH.exec(path)?.[4] ?? prop(article, "id");
  const { title, heading } = articleTitle(article, tree);
  const { categories, tags } = articleTerms(article, base);
  return {
    sourceKey: `canalblog:${articleId || path}`,
    isPage: false,
    title,
    slug: slugify(title),
    html: articleBody(article, heading, base),
    excerpt: "",
    status: "published",
    publishedAt: articleDate(article, path),
    categories,
    tags,
    oldAddresses: ARTICLE_PATH.test(path) ? [path] : [],
    featuredImageUrl: null,
    comments: pageComments(tree, base),
  };
}

/** Whether an image address is one of Canalblog's (its storage hosts, or the blog's own « /images/ »). */
export function isCanalblogImage(address: string, blogOrigins: readonly string[]): boolean {
  try {
    const url = new URL(address);
    return url.hostname === "canalblog.com" || url.hostname.endsWith(".canalblog.com") || blogOrigins.includes(url.origin);
  } catch {
    return false;
  }
}
