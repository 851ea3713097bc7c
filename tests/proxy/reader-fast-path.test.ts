import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { plainPlatformPath, plainReaderPagePath, publicAddress } from "@/lib/host-routing";
import { proxy } from "@/proxy";

// tests/helpers/test-database.ts sets ROOT_DOMAIN=carnet.test. lib/cli/serve.mjs hands the requests
// that plainReaderPagePath accepts straight to Next's page server: each must go exactly where the proxy
// rewrites it, and everything else must still meet the proxy.
const blog = "formation-continue.carnet.test";
const path = (url: string, options: { method?: string; headers?: Record<string, string>; host?: string } = {}) =>
  plainReaderPagePath(options.method ?? "GET", url, { host: options.host ?? blog, ...options.headers }, publicAddress());

describe("the reader pages that skip the proxy", () => {
  it.each(["/", "/archives/2012/06/24/reseaux-sociaux", "/archives/2012/06", "/categorie/pedagogie", "/tag/reseaux-sociaux", "/tag/vae/flux/atom.xml", "/page/2", "/flux/rss.xml", "/recherche"])(
    "go to the internal address the proxy rewrites %s to",
    async (url) => {
      const rewritten = (await proxy(new NextRequest(`https://${blog}${url}`, { headers: { host: blog } }))).headers.get("x-middleware-rewrite");
      expect(path(url)).toBe(new URL(rewritten ?? "").pathname);
      expect(path(url, { method: "HEAD" })).toBe(new URL(rewritten ?? "").pathname);
    },
  );

  it("reads the host whatever its case, as the proxy does", () => {
    expect(path("/page/2", { host: "Formation-Continue.CARNET.test" })).toBe("/formation-continue/page/2");
  });

  it.each([
    ["a form sent", "/newsletter", { method: "POST" }],
    ["a query (WordPress's ?p=, a search)", "/?p=12", {}],
    ["a trailing slash", "/archives/2012/06/", {}],
    ["a dot segment", "/archives/../admin", {}],
    ["an encoded character", "/categorie/p%C3%A9dagogie", {}],
    ["Canalblog's .html address (redirected)", "/archives/2012/06/24/reseaux.html", {}],
    ["a route handler", "/api/auth/csrf", {}],
    ["an RSC request", "/archives/2012/06", { headers: { rsc: "1" } }],
    ["a prefetch", "/archives/2012/06", { headers: { "next-router-prefetch": "1" } }],
    ["a server action", "/archives/2012/06", { headers: { "next-action": "abc" } }],
    ["Next's internal headers", "/archives/2012/06", { headers: { "x-middleware-subrequest": "middleware" } }],
    ["the platform's host", "/aide", { host: "carnet.test" }],
    ["a blog's internal path on the platform's host", "/formation-continue", { host: "carnet.test" }],
    ["an unknown host (421)", "/", { host: "evil.example" }],
    ["no host", "/", { host: "" }],
    ["a reserved subdomain", "/", { host: "www.carnet.test" }],
    ["a preview link (answered with X-Robots-Tag)", "/apercu/abcdefghijklmnopqrstuvwxyz-0123456789abcde", {}],
  ] as const)("leave %s to the proxy", (_, url, options) => {
    expect(path(url, options)).toBeNull();
  });
});

describe("the platform's pages that npm start's server looks at", () => {
  const platformPath = (url: string, options: { method?: string; host?: string; headers?: Record<string, string> } = {}) =>
    plainPlatformPath(options.method ?? "GET", url, { host: options.host ?? "carnet.test", ...options.headers }, publicAddress());

  it("are the plain page requests on the platform's host that the proxy passes on as they are", () => {
    expect(platformPath("/aide/inexistante")).toBe("/aide/inexistante");
    expect(platformPath("/aide", { host: "CARNET.test" })).toBe("/aide");
  });

  it.each([
    ["a blog's host", "/nimporte/quoi", { host: blog }],
    ["a blog's internal path (redirected to the blog)", "/formation-continue", {}],
    ["a form sent", "/connexion", { method: "POST" }],
    ["a query", "/connexion?retour=/admin", {}],
    ["an RSC request", "/aide", { headers: { rsc: "1" } }],
    ["an unknown host", "/aide", { host: "evil.example" }],
  ] as const)("leave out %s", (_, url, options) => {
    expect(platformPath(url, options)).toBeNull();
  });
});
