import { NextResponse, type NextRequest } from "next/server";
import { publicAddress, routeByHost, type HostRoute } from "@/lib/host-routing";
import { createNonce, securityHeadersFor } from "@/lib/security-headers";
import { isNestedDeeperThan, MAX_ENCODED_ARGUMENT_DEPTH } from "@/lib/actions/input";

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
      const response = NextResponse.rewrite(target);
      if (route.noindex) response.headers.set("X-Robots-Tag", "noindex, nofollow");
      return response;
    }
  }
}

/** Next's own limit on a server action's body (serverActions.bodySizeLimit, 1 MB), and room for the envelope. */
const MAX_ACTION_BODY_BYTES = 1024 * 1024 + 64 * 1024;

const refused = (status: number, text: string) => new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * A server action's encoded arguments, measured before Next decodes them (recursively, before any of
 * Carnet's code and its caps run): too big, or nested deeper than any page sends, is a 413 or a 400, not a
 * stack overflow answered 500. Called with JavaScript (Next-Action header: the whole body is the encoding),
 * or as a plain form (its `$ACTION_…` fields and Flight's numbered fields hold JSON).
 */
async function actionInputProblem(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST") return null;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const viaHeader = request.headers.has("next-action");
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  if (!viaHeader && !multipart) return null;
  // Uploads and imports (route handlers) are larger and read under their own caps: only action-sized bodies are read here.
  // (A body without a declared length is read under the limit Next puts on what proxy.ts may read.)
  if (declared > MAX_ACTION_BODY_BYTES) return viaHeader ? refused(413, "Cette requête est trop volumineuse.") : null;
  const tooDeep = () => refused(400, "Cette requête est trop imbriquée.");
  if (!multipart) return isNestedDeeperThan(await request.clone().text(), MAX_ENCODED_ARGUMENT_DEPTH) ? tooDeep() : null;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return refused(400, "Cette requête est illisible.");
  }
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && (/^\d+$/.test(name) || name.startsWith("$ACTION")) && isNestedDeeperThan(value, MAX_ENCODED_ARGUMENT_DEPTH)) return tooDeep();
  }
  return null;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  return (await actionInputProblem(request)) ?? route(request);
}

function route(request: NextRequest): NextResponse {
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
