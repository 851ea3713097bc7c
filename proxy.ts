import { NextResponse, type NextRequest } from "next/server";
import { PLATFORM_SEGMENTS, isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { buildSecurityHeaders, createNonce, type SecurityHeaders } from "@/lib/security-headers";
import { oldQuerySegments } from "@/lib/import/old-paths";
import { isNestedDeeperThan, MAX_ENCODED_ARGUMENT_DEPTH } from "@/lib/actions/input";

// Host → internal route, nothing else: no database, no authorisation.
//   <slug>.<ROOT_DOMAIN>/<path>  → /<slug>/<path>        (app/[blog])
//   <ROOT_DOMAIN>/<path>          → the platform          (app/(platform))
//   any other host                → 421 Misdirected Request
// The address is read at each request (never baked into the build); redirects are built from
// ROOT_DOMAIN and PUBLIC_PROTOCOL, never from the request's scheme or forwarded headers.
const PLATFORM = new Set<string>(PLATFORM_SEGMENTS);

// Answered on any host, whatever the Host header: health checks of a load balancer (which asks by
// address), and the jobs that the server's own timers, `npm run worker` or a cron service call by
// address (127.0.0.1, an instance's IP), each checking its token.
const HOSTLESS_PATHS = /^\/(?:healthz|readyz)$|^\/api\/(?:cron|internal)\//;

function publicAddress() {
  return {
    rootDomain: (process.env.ROOT_DOMAIN ?? "localhost:3000").toLowerCase(),
    protocol: process.env.PUBLIC_PROTOCOL === "https" ? "https:" : "http:",
  };
}

function misdirected() {
  return new NextResponse("Cette adresse n'est pas servie ici.\n", { status: 421, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

// A permanent redirect to another host, with the Location as written: NextResponse.redirect would
// shorten an address on another subdomain of the same host name into a relative one.
function redirectTo(location: string) {
  return new NextResponse(null, { status: 308, headers: { Location: location } });
}

// Built once for the address read at run time (the policy names the platform), not for each request.
let securityHeaders: { key: string; headers: SecurityHeaders } | undefined;
function securityHeadersFor(rootDomain: string, protocol: string): SecurityHeaders {
  const key = `${protocol}//${rootDomain}`;
  if (securityHeaders?.key !== key) {
    const headers = buildSecurityHeaders({ protocol: protocol === "https:" ? "https" : "http", rootDomain, development: process.env.NODE_ENV === "development" });
    securityHeaders = { key, headers };
  }
  return securityHeaders.headers;
}

function withHeaders(response: NextResponse, headers: [string, string][]): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
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
  const { pathname } = request.nextUrl;
  const { rootDomain, protocol } = publicAddress();
  const security = securityHeadersFor(rootDomain, protocol);
  if (host === rootDomain && (pathname === "/admin" || pathname.startsWith("/admin/"))) {
    // The administration is rendered per request: Next reads the nonce from this request header and
    // puts it on its scripts.
    const { policy, headers } = security.dynamicPage(createNonce());
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", policy);
    return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
  }
  return withHeaders(routeByHost(request, host, { rootDomain, protocol }), security.staticPage);
}

function routeByHost(request: NextRequest, host: string, { rootDomain: ROOT_DOMAIN, protocol }: ReturnType<typeof publicAddress>): NextResponse {
  const url = request.nextUrl;
  const { pathname } = url;
  if (HOSTLESS_PATHS.test(pathname)) return NextResponse.next();

  if (host === ROOT_DOMAIN) {
    // A blog's internal route typed on the platform's host: send the reader to the blog's own address.
    const [, first = "", ...rest] = pathname.split("/");
    if (first !== "" && !PLATFORM.has(first) && isAvailableBlogSlugShape(first)) {
      return redirectTo(`${protocol}//${first}.${ROOT_DOMAIN}/${rest.join("/")}${url.search}`);
    }
    return NextResponse.next();
  }

  // Another host (a stranger's domain pointed at this server, an address, a forged Host): nothing of
  // Carnet answers there, so that no page, link or mail is ever made for it.
  if (!host.endsWith(`.${ROOT_DOMAIN}`)) return misdirected();

  const slug = host.slice(0, -(ROOT_DOMAIN.length + 1));
  if (!isAvailableBlogSlugShape(slug)) {
    // www.<root>, admin.<root>, a.b.<root>…: never a blog; the platform answers at its own address.
    return redirectTo(`${protocol}//${ROOT_DOMAIN}${pathname}${url.search}`);
  }
  // Route handlers (auth, beacon…) answer on every host.
  if (pathname.startsWith("/api/")) return NextResponse.next();

  // Canalblog's article addresses ended in .html: old links keep working.
  if (/^\/archives\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.test(pathname)) {
    return redirectTo(`${protocol}//${host}${pathname.slice(0, -".html".length)}${url.search}`);
  }

  const target = url.clone();
  // WordPress's "/?p=123": the home page must stay static, so only these requests go elsewhere, to the
  // blog's catch-all page, which knows the old addresses of imported posts.
  const oldQuery = pathname === "/" && url.search ? oldQuerySegments(url.searchParams) : null;
  target.pathname = oldQuery ? `/${slug}/${oldQuery}` : `/${slug}${pathname === "/" ? "" : pathname}`;
  if (oldQuery) target.search = "";
  return NextResponse.rewrite(target);
}

export const config = {
  // Everything but Next's own assets, the platform's static files, the view beacon (a route handler
  // that answers on every host anyway, and is called once per page view: it skips the proxy's cost) and
  // the health probes (/healthz, /readyz: same answer on every host).
  matcher: ["/((?!_next/static|_next/image|static/|favicon.ico|api/beacon$|healthz$|readyz$).*)"],
};
