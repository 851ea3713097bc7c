import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

// tests/helpers/test-database.ts sets ROOT_DOMAIN=carnet.test.
function request(url: string) {
  const target = new URL(url);
  return new NextRequest(url, { headers: { host: target.host } });
}

describe("the host proxy", () => {
  it("rewrites a blog's address to the blog's internal routes", async () => {
    const response = await proxy(request("https://formation-continue.carnet.test/archives/2012/06/24/reseaux"));
    expect(response.headers.get("x-middleware-rewrite")).toBe("https://formation-continue.carnet.test/formation-continue/archives/2012/06/24/reseaux");
  });

  it("rewrites a blog's home page", async () => {
    const response = await proxy(request("https://formation-continue.carnet.test/"));
    expect(new URL(response.headers.get("x-middleware-rewrite") ?? "").pathname).toBe("/formation-continue");
  });

  it("keeps a blog's preview links out of search engines, and only them", async () => {
    const preview = await proxy(request("https://formation-continue.carnet.test/apercu/Yh3kQ-9x_2LmNpQrStUvWxYz0123456789AbCdEfGhI"));
    expect(new URL(preview.headers.get("x-middleware-rewrite") ?? "").pathname).toBe("/formation-continue/apercu/Yh3kQ-9x_2LmNpQrStUvWxYz0123456789AbCdEfGhI");
    expect(preview.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect((await proxy(request("https://formation-continue.carnet.test/archives/2012/06/24/reseaux"))).headers.get("x-robots-tag")).toBeNull();
  });

  it("redirects Canalblog's .html article addresses to the canonical one", async () => {
    const response = await proxy(request("https://formation-continue.carnet.test/archives/2012/06/24/reseaux.html"));
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("https://formation-continue.carnet.test/archives/2012/06/24/reseaux");
  });

  it("leaves the platform's own pages to the platform", async () => {
    const response = await proxy(request("https://carnet.test/aide"));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
  });

  it("sends a blog's internal path typed on the platform host to the blog's own address", async () => {
    const response = await proxy(request("https://carnet.test/formation-continue/archives/2012/06?x=1"));
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("https://formation-continue.carnet.test/archives/2012/06?x=1");
  });

  it.each(["www", "admin", "a.b", "api"])("never serves a blog at the reserved or malformed host %s", async (sub) => {
    const response = await proxy(request(`https://${sub}.carnet.test/aide`));
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("https://carnet.test/aide");
  });

  it("lets route handlers answer on a blog's host", async () => {
    const response = await proxy(request("https://formation-continue.carnet.test/api/anything"));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it.each(["evil.example", "carnet.test.evil.example", "evilcarnet.test", "127.0.0.1:3000", ""])("answers 421 on the unknown host %j instead of serving the platform", async (host) => {
    const response = await proxy(new NextRequest("https://carnet.test/connexion", { headers: { host } }));
    expect(response.status).toBe(421);
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
  });

  it("answers 421 on an unknown host even when X-Forwarded-Host names the platform", async () => {
    const response = await proxy(new NextRequest("https://carnet.test/admin", { headers: { host: "evil.example", "x-forwarded-host": "carnet.test" } }));
    expect(response.status).toBe(421);
  });

  it.each(["/healthz", "/readyz", "/api/cron/publish-scheduled", "/api/internal/import-termine"])("lets %s answer on any host (load balancer checks, the server's own jobs)", async (path) => {
    const response = await proxy(new NextRequest(`http://10.0.0.5:3000${path}`, { headers: { host: "10.0.0.5:3000" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("builds redirects from PUBLIC_PROTOCOL, not from the request's scheme", async () => {
    const response = await proxy(new NextRequest("http://www.carnet.test/aide", { headers: { host: "www.carnet.test", "x-forwarded-proto": "http" } }));
    expect(response.headers.get("location")).toBe("https://carnet.test/aide");
  });
});

describe("old addresses of imported blogs", () => {
  it("sends WordPress's /?p=123 to the blog's catch-all page, and only that request", async () => {
    const response = await proxy(request("https://carnets-helene.carnet.test/?p=123"));
    expect(new URL(response.headers.get("x-middleware-rewrite") ?? "").pathname).toBe("/carnets-helene/adresse-ancienne/p/123");
    const home = await proxy(request("https://carnets-helene.carnet.test/?utm_source=lettre"));
    expect(new URL(home.headers.get("x-middleware-rewrite") ?? "").pathname).toBe("/carnets-helene");
  });

  it("ignores a ?p= that is not a number", async () => {
    const response = await proxy(request("https://carnets-helene.carnet.test/?p=../../etc"));
    expect(new URL(response.headers.get("x-middleware-rewrite") ?? "").pathname).toBe("/carnets-helene");
  });
});

describe("a server action's encoded arguments, before Next decodes them", () => {
  const action = (body: string, headers: Record<string, string>) =>
    new NextRequest("https://carnet.test/admin/mon-blog/categories", { method: "POST", body, headers: { host: "carnet.test", "next-action": "abc123", ...headers } });

  it("answers 400 to arguments nested thousands deep, and lets a normal call through", async () => {
    expect((await proxy(action(`[${"[".repeat(10_000)}${"]".repeat(10_000)}]`, { "content-type": "text/plain;charset=UTF-8" }))).status).toBe(400);
    expect((await proxy(action('[{"a":"[[[[[[ dans une chaîne ]]]]]]"}]', { "content-type": "text/plain;charset=UTF-8" }))).status).not.toBe(400);
    const form = new FormData();
    form.append("$ACTION_1:1", `${"[".repeat(5_000)}${"]".repeat(5_000)}`);
    form.append("body", "[".repeat(20_000));
    expect((await proxy(new NextRequest("https://carnet.test/admin/mon-blog/categories", { method: "POST", body: form, headers: { host: "carnet.test" } }))).status).toBe(400);
  });

  it("answers 413 to a call bigger than Next's limit on actions", async () => {
    expect((await proxy(action(`["${"x".repeat(2 * 1024 * 1024)}"]`, { "content-type": "text/plain;charset=UTF-8", "content-length": String(2 * 1024 * 1024 + 4) }))).status).toBe(413);
  });
});
