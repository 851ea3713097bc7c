import { PLATFORM_SEGMENTS, isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { oldQuerySegments } from "@/lib/import/old-paths";

// Host → internal route, as a plain decision that proxy.ts carries out (and that lib/cli/serve.mjs takes
// for the reader pages it hands straight to Next's page server): no database, no authorisation.
//   <slug>.<ROOT_DOMAIN>/<path>  → /<slug>/<path>        (app/[blog])
//   <ROOT_DOMAIN>/<path>          → the platform          (app/(platform))
//   any other host                → 421 Misdirected Request
// Redirects are built from ROOT_DOMAIN and PUBLIC_PROTOCOL, never from the request's scheme or forwarded headers.

export type PublicAddress = { rootDomain: string; protocol: "http:" | "https:" };

export type HostRoute =
  /** Passed on as it is: the platform's pages, route handlers, health checks. */
  | { kind: "next" }
  /** A blog's page, at its internal address (`search` replaces the query); `noindex`: answered with X-Robots-Tag. */
  | { kind: "rewrite"; pathname: string; search: string; noindex?: true }
  /** A permanent redirect to another address. */
  | { kind: "redirect"; location: string }
  /** A host that Carnet does not serve. */
  | { kind: "misdirected" };

const PLATFORM = new Set<string>(PLATFORM_SEGMENTS);

// Answered on any host, whatever the Host header: health checks of a load balancer (which asks by
// address), and the jobs that the server's own timers, `npm run worker` or a cron service call by
// address (127.0.0.1, an instance's IP), each checking its token.
const HOSTLESS_PATHS = /^\/(?:healthz|readyz)$|^\/api\/(?:cron|internal)\//;

// A preview link of an unpublished post (app/[blog]/apercu/[token]): never in a search engine's index,
// whatever page or file the address answers with.
const PREVIEW_PATH = /^\/apercu(?:\/|$)/;

// Canalblog's article addresses ended in .html: old links keep working.
const OLD_ARTICLE_PATH = /^\/archives\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/;

/** The platform's address, read at each call (never baked into the build). */
export function publicAddress(): PublicAddress {
  return {
    rootDomain: (process.env.ROOT_DOMAIN ?? "localhost:3000").toLowerCase(),
    protocol: process.env.PUBLIC_PROTOCOL === "https" ? "https:" : "http:",
  };
}

/** Where a request for `pathname` + `search` (« ?… » or empty) on `host` (lower case) goes. */
export function routeByHost(host: string, pathname: string, search: string, { rootDomain, protocol }: PublicAddress): HostRoute {
  if (HOSTLESS_PATHS.test(pathname)) return { kind: "next" };

  if (host === rootDomain) {
    // A blog's internal route typed on the platform's host: send the reader to the blog's own address.
    const [, first = "", ...rest] = pathname.split("/");
    if (first !== "" && !PLATFORM.has(first) && isAvailableBlogSlugShape(first)) {
      return { kind: "redirect", location: `${protocol}//${first}.${rootDomain}/${rest.join("/")}${search}` };
    }
    return { kind: "next" };
  }

  // Another host (a stranger's domain pointed at this server, an address, a forged Host): nothing of
  // Carnet answers there, so that no page, link or mail is ever made for it.
  if (!host.endsWith(`.${rootDomain}`)) return { kind: "misdirected" };

  const slug = host.slice(0, -(rootDomain.length + 1));
  if (!isAvailableBlogSlugShape(slug)) {
    // www.<root>, admin.<root>, a.b.<root>…: never a blog; the platform answers at its own address.
    return { kind: "redirect", location: `${protocol}//${rootDomain}${pathname}${search}` };
  }
  // Route handlers (auth, beacon…) answer on every host.
  if (pathname.startsWith("/api/")) return { kind: "next" };

  if (OLD_ARTICLE_PATH.test(pathname)) {
    return { kind: "redirect", location: `${protocol}//${host}${pathname.slice(0, -".html".length)}${search}` };
  }

  // WordPress's "/?p=123": the home page must stay static, so only these requests go elsewhere, to the
  // blog's catch-all page, which knows the old addresses of imported posts.
  const oldQuery = pathname === "/" && search ? oldQuerySegments(new URLSearchParams(search)) : null;
  if (oldQuery) return { kind: "rewrite", pathname: `/${slug}/${oldQuery}`, search: "" };
  if (PREVIEW_PATH.test(pathname)) return { kind: "rewrite", pathname: `/${slug}${pathname}`, search, noindex: true };
  return { kind: "rewrite", pathname: `/${slug}${pathname === "/" ? "" : pathname}`, search };
}

// A path of lower-case segments (a file name's extension allowed): no query, no trailing slash, no dot
// segment, nothing encoded. Anything else takes the proxy's way (which normalises and redirects).
const PLAIN_PAGE_PATH = /^\/(?:[a-z0-9-]+(?:\.[a-z0-9]+)?(?:\/[a-z0-9-]+(?:\.[a-z0-9]+)?)*)?$/;

/** Where a plain page request goes (GET or HEAD, no query, none of Next's own request headers), or null. */
function plainPageRoute(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>, address: PublicAddress): HostRoute | null {
  if ((method !== "GET" && method !== "HEAD") || url === undefined || !PLAIN_PAGE_PATH.test(url)) return null;
  for (const name in headers) {
    if (name === "rsc" || name.startsWith("next-") || name.startsWith("x-nextjs-") || name.startsWith("x-middleware-")) return null;
  }
  const host = headers.host;
  return routeByHost(typeof host === "string" ? host.toLowerCase() : "", url, "", address);
}

/**
 * The internal address of a reader's plain page request (GET or HEAD of a blog page, without a query nor
 * any of Next's own request headers: no RSC, prefetch, action or data request), or null for every other
 * request. lib/cli/serve.mjs hands these straight to Next's page server, with the headers the proxy
 * would have set; the decision is routeByHost's, as in the proxy.
 */
export function plainReaderPagePath(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>, address: PublicAddress): string | null {
  const route = plainPageRoute(method, url, headers, address);
  // A page answered with a header of its own (a preview's X-Robots-Tag) takes the proxy's way.
  return route?.kind === "rewrite" && !route.noindex ? route.pathname : null;
}

/**
 * The path of a plain page request on the platform's own host, which the proxy passes on as it is, or
 * null. lib/cli/serve.mjs answers those that only a blog's route matches (an address the platform does
 * not have) with the same 404 page as a blog's.
 */
export function plainPlatformPath(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>, address: PublicAddress): string | null {
  const route = plainPageRoute(method, url, headers, address);
  const host = headers.host;
  return route?.kind === "next" && typeof host === "string" && host.toLowerCase() === address.rootDomain ? (url ?? null) : null;
}
