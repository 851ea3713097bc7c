import { NextResponse, type NextRequest } from "next/server";
import { publicAddress, routeByHost, type HostRoute } from "@/lib/host-routing";
import { createNonce, securityHeadersFor } from "@/lib/security-headers";

// Host → internal route (lib/host-routing.ts), nothing else: no database, no authorisation; every
// response it passes on carries the security headers. lib/cli/serve.mjs takes the same decision for the
// reader pages it hands straight to Next's page server; this proxy does it for everything else, and
// for every request under plain `next start`.

function misdirected() {
  return new NextResponse("Cette adresse n'est pas servie ici.\n", { status: 421, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

// A permanent redirect to another host, with the Location as written: NextResponse.redirect would
// shorten an address on another subdomain of the same host name into a relative one.
function redirectTo(location: string) {
  return new NextResponse(null, { status: 308, headers: { Location: location } });
}

function withHeaders(response: NextResponse, headers: [string, string][]): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

function respond(request: NextRequest, route: HostRoute): NextResponse {
  switch (route.kind) {
    case "next":
      return NextResponse.next();
    case "misdirected":
      return misdirected();
    case "redirect":
      return redirectTo(route.location);
    case "rewrite": {
      const target = request.nextUrl.clone();
      target.pathname = route.pathname;
      target.search = route.search;
      return NextResponse.rewrite(target);
    }
  }
}

export function proxy(request: NextRequest): NextResponse {
  const host = (request.headers.get("host") ?? "").toLowerCase();
  const { pathname, search } = request.nextUrl;
  const address = publicAddress();
  const security = securityHeadersFor(address);
  if (host === address.rootDomain && (pathname === "/admin" || pathname.startsWith("/admin/"))) {
    // The administration is rendered per request: Next reads the nonce from this request header and
    // puts it on its scripts.
    const { policy, headers } = security.dynamicPage(createNonce());
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", policy);
    return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
  }
  return withHeaders(respond(request, routeByHost(host, pathname, search, address)), security.staticPage);
}

export const config = {
  // Everything but Next's own assets, the platform's static files, the view beacon (a route handler
  // that answers on every host anyway, and is called once per page view: it skips the proxy's cost) and
  // the health probes (/healthz, /readyz: same answer on every host).
  matcher: ["/((?!_next/static|_next/image|static/|favicon.ico|api/beacon$|healthz$|readyz$).*)"],
};
