import { NextResponse, type NextRequest } from "next/server";
import { PLATFORM_SEGMENTS, isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { env } from "@/lib/env";

// Host → internal route, nothing else: no database, no authorisation.
//   <slug>.<ROOT_DOMAIN>/<path>  → /<slug>/<path>        (app/[blog])
//   <ROOT_DOMAIN>/<path>          → the platform          (app/(platform))
// Read on the first request, not at build: one build serves any address (lib/env.ts has checked it at start).
let rootDomain: string | undefined;
function platformHost(): string {
  return (rootDomain ??= env.ROOT_DOMAIN.toLowerCase());
}
const PLATFORM = new Set<string>(PLATFORM_SEGMENTS);

// A permanent redirect to another host, with the Location as written: NextResponse.redirect would
// shorten an address on another subdomain of the same host name into a relative one.
function redirectTo(location: string) {
  return new NextResponse(null, { status: 308, headers: { Location: location } });
}

export function proxy(request: NextRequest) {
  const host = (request.headers.get("host") ?? "").toLowerCase();
  const url = request.nextUrl;
  const { pathname } = url;
  const ROOT_DOMAIN = platformHost();

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
  // Everything but Next's own assets, the platform's static files, the view beacon (a route handler
  // that answers on every host anyway, and is called once per page view: it skips the proxy's cost) and
  // the health probes (/healthz, /readyz: same answer on every host).
  matcher: ["/((?!_next/static|_next/image|static/|favicon.ico|api/beacon$|healthz$|readyz$).*)"],
};
