import { isbot } from "isbot";
import { isAvailableBlogSlugShape } from "@/lib/blogs/slug";

// What a page-view beacon says, read from the request alone (no database): which blog, which page,
// where the reader came from; or why it must not be counted.

/** The <noscript> pixel's answer: a transparent 1×1 GIF. */
export const BEACON_PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The largest beacon body we read: a path and a referrer, nothing more. */
export const MAX_BEACON_BODY = 2048;

export type BeaconPage = { kind: "article"; postSlug: string } | { kind: "page" };

export type BeaconView = {
  blogSlug: string;
  /** The page's path on the blog's host, as the reader saw it ("/archives/2012/06/24/…"). */
  path: string;
  page: BeaconPage;
  /** The site the reader came from, domain only; null for direct visits and moves inside the blog. */
  referrerDomain: string | null;
};

export type BeaconReading = { ok: true; view: BeaconView } | { ok: false; reason: BeaconRejection };

/** Request headers, from a web Request or a Node request alike. */
export type HeaderReader = Pick<Headers, "get">;

export type BeaconRejection = "bot" | "prefetch" | "not-a-blog" | "foreign-origin" | "bad-page" | "bad-body";

// The address shapes of a blog's reader pages (see app/[blog]): a beacon for anything else is not a view.
const ARTICLE_PATH = /^\/archives\/\d{4}\/\d{2}\/\d{2}\/([a-z0-9-]{1,120})$/;
const OTHER_PAGE_PATHS = [
  /^\/$/,
  /^\/page\/[1-9]\d{0,5}$/,
  /^\/archives\/\d{4}\/\d{2}$/,
  /^\/categorie\/[a-z0-9-]{1,80}(?:\/page\/[1-9]\d{0,5})?$/,
  /^\/recherche$/,
];

/** Which reader page a path is, or null when no reader page has this shape. */
export function readBeaconPage(path: string): BeaconPage | null {
  const article = ARTICLE_PATH.exec(path);
  if (article?.[1]) return { kind: "article", postSlug: article[1] };
  return OTHER_PAGE_PATHS.some((pattern) => pattern.test(path)) ? { kind: "page" } : null;
}

/** Requests made ahead of a visit that may never happen: browser prefetch and prerender, link previews. */
export function isSpeculativeRequest(headers: HeaderReader): boolean {
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""} ${headers.get("x-purpose") ?? ""} ${headers.get("x-moz") ?? ""}`.toLowerCase();
  return /prefetch|prerender|preview/.test(purpose);
}

/** The blog slug of a host such as "formation-continue.carnet.fr", or null for the platform and other hosts. */
export function blogSlugOfHost(host: string, rootDomain: string): string | null {
  const suffix = `.${rootDomain.toLowerCase()}`;
  const lower = host.toLowerCase();
  if (!lower.endsWith(suffix)) return null;
  const slug = lower.slice(0, -suffix.length);
  return isAvailableBlogSlugShape(slug) ? slug : null;
}

function parseUrl(value: string | null | undefined): URL | null {
  if (!value || value.length > MAX_BEACON_BODY) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** "www.google.fr" → "google.fr": the domain a reader came from, or null when it is the blog itself or not a web address. */
export function referrerDomainOf(referrer: string | null | undefined, ownHost: string): string | null {
  const url = parseUrl(referrer);
  if (!url) return null;
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  if (hostname === ownHost.toLowerCase().replace(/:\d+$/, "")) return null;
  if (!/^[a-z0-9.-]{1,253}$/.test(hostname) && !/^\[[0-9a-f:.]+\]$/.test(hostname)) return null;
  return hostname.replace(/^www\./, "");
}

function parseBody(body: string): { path: string; referrer: string | null } | null {
  if (body.length === 0 || body.length > MAX_BEACON_BODY) return null;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const { p, r } = data as { p?: unknown; r?: unknown };
  if (typeof p !== "string") return null;
  return { path: p, referrer: typeof r === "string" ? r : null };
}

/**
 * Reads a beacon: a POST from the page's script (body `{"p": path, "r": document.referrer}`) or the GET of
 * the <noscript> pixel (the page is the Referer). It counts only when it comes from a person's browser,
 * on the blog's own host, for one of the blog's pages.
 */
export function readBeacon(input: { method: "GET" | "POST"; headers: HeaderReader; body: string; rootDomain: string }): BeaconReading {
  const { headers } = input;
  const userAgent = headers.get("user-agent") ?? "";
  if (userAgent.trim() === "" || isbot(userAgent)) return { ok: false, reason: "bot" };
  if (isSpeculativeRequest(headers)) return { ok: false, reason: "prefetch" };

  const host = (headers.get("host") ?? "").toLowerCase();
  const blogSlug = blogSlugOfHost(host, input.rootDomain);
  if (!blogSlug) return { ok: false, reason: "not-a-blog" };

  // Only the blog's own pages report views: the browser says where the request comes from.
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return { ok: false, reason: "foreign-origin" };
  const origin = headers.get("origin");
  const referer = parseUrl(headers.get("referer"));
  if (origin !== null && parseUrl(origin)?.host !== host) return { ok: false, reason: "foreign-origin" };
  if (origin === null && referer?.host !== host) return { ok: false, reason: "foreign-origin" };

  let path: string;
  let referrer: string | null = null;
  if (input.method === "POST") {
    const body = parseBody(input.body);
    if (!body) return { ok: false, reason: "bad-body" };
    path = body.path;
    referrer = body.referrer;
  } else {
    // The pixel: no script ran, so the page is the Referer and where the reader came from is unknown.
    if (!referer) return { ok: false, reason: "foreign-origin" };
    path = referer.pathname;
  }
  const page = readBeaconPage(path);
  if (!page) return { ok: false, reason: "bad-page" };
  return { ok: true, view: { blogSlug, path, page, referrerDomain: referrerDomainOf(referrer, host) } };
}
