import { NextResponse, type NextRequest } from "next/server";
import { PLATFORM_SEGMENTS, isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { buildSecurityHeaders, createNonce } from "@/lib/security-headers";

// Host → internal route, nothing else: no database, no authorisation.
//   <slug>.<ROOT_DOMAIN>/<path>  → /<slug>/<path>        (app/[blog])
//   <ROOT_DOMAIN>/<path>          → the platform          (app/(platform))
const ROOT_DOMAIN = (process.env.ROOT_DOMAIN ?? "localhost:3000").toLowerCase();
const PLATFORM = new Set<string>(PLATFORM_SEGMENTS);
// Read when the server starts, like ROOT_DOMAIN.
const SECURITY_HEADERS = buildSecurityHeaders({
  protocol: process.env.PUBLIC_PROTOCOL === "https" ? "https" : "http",
  rootDomain: ROOT_DOMAIN,
  development: process.env.NODE_ENV === "development",
});

// A permanent redirect to another host, with the Location as written: NextResponse.redirect would
// shorten an address on another subdomain of the same host name into a relative one.
function redirectTo(location: string) {
  return new NextResponse(null, { status: 308, headers: { Location: location } });
}

function withHeaders(response: NextResponse, headers: [string, string][]): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  const host = (request.headers.get("host") ?? "").toLowerCase();
  const { pathname } = request.nextUrl;
  if (host === ROOT_DOMAIN && (pathname === "/admin" || pathname.startsWith("/admin/"))) {
    // The administration is rendered per request: Next reads the nonce from this request header and
    // puts it on its scripts.
    const { policy, headers } = SECURITY_HEADERS.dynamicPage(createNonce());
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", policy);
    return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
  }
  return withHeaders(routeByHost(request), SECURITY_HEADERS.staticPage);
}

function routeByHost(request: NextRequest): NextResponse {
  const host = (request.headers.get("host") ?? "").toLowerCase();
  const url = request.nextUrl;
  const { pathname } = url;

  if (host === ROOT_DOMAIN) {
    // A blog's internal route typed on the platform's host: send the reader to the blog's own address.
    const [, first = "", ...rest] = pathname.split("/");
    if (first !== "" && !PLATFORM.has(first) && isAvailableBlogSlugShape(first)) {
      return redirectTo(`${url.protocol}//${first}.${ROOT_DOMAIN}/${rest.join("/")}${url.search}`);
    }
    return NextResponse.next();
  }

  if (!host.endsWith(`.${ROOT_DOMAIN}`)) {
    // Unknown host: serve the platform rather than guess.
    return NextResponse.next();
  }

  const slug = host.slice(0, -(ROOT_DOMAIN.length + 1));
  if (!isAvailableBlogSlugShape(slug)) {
    // www.<root>, admin.<root>, a.b.<root>…: never a blog; the platform answers at its own address.
    return redirectTo(`${url.protocol}//${ROOT_DOMAIN}${pathname}${url.search}`);
  }
  // Route handlers (auth, beacon…) answer on every host.
  if (pathname.startsWith("/api/")) return NextResponse.next();

  // Canalblog's article addresses ended in .html: old links keep working.
  if (/^\/archives\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.test(pathname)) {
    const target = url.clone();
    target.pathname = pathname.slice(0, -".html".length);
    return NextResponse.redirect(target, 308);
  }

  const target = url.clone();
  target.pathname = `/${slug}${pathname === "/" ? "" : pathname}`;
  return NextResponse.rewrite(target);
}

export const config = {
  // Everything but Next's own assets, the platform's static files and the view beacon (a route handler
  // that answers on every host anyway, and is called once per page view: it skips the proxy's cost).
  matcher: ["/((?!_next/static|_next/image|static/|favicon.ico|api/beacon$).*)"],
};
