import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { buildSecurityHeaders } from "@/lib/security-headers";
import { proxy } from "@/proxy";

// tests/helpers/test-database.ts sets ROOT_DOMAIN=carnet.test.
function request(url: string) {
  return new NextRequest(url, { headers: { host: new URL(url).host } });
}

const settings = { rootDomain: "carnet.fr", development: false } as const;

describe("security headers", () => {
  it("send HSTS only when the operator serves over TLS", async () => {
    const names = (protocol: "http" | "https") => buildSecurityHeaders({ ...settings, protocol }).staticPage.map(([name]) => name);
    expect(names("https")).toContain("Strict-Transport-Security");
    expect(names("http")).not.toContain("Strict-Transport-Security");
  });

  it("let forms post to their own page and to the platform, and nowhere else", async () => {
    const [, policy] = buildSecurityHeaders({ ...settings, protocol: "https" }).staticPage.find(([name]) => name === "Content-Security-Policy") ?? [];
    expect(policy).toContain("form-action 'self' https://carnet.fr;");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("give a pre-rendered page the same policy for everyone, and an administration page a fresh nonce each time", async () => {
    const reader = await proxy(request("https://formation-continue.carnet.test/archives/2012/06/24/reseaux"));
    const readerAgain = await proxy(request("https://formation-continue.carnet.test/"));
    expect(reader.headers.get("content-security-policy")).toBe(readerAgain.headers.get("content-security-policy"));
    expect(reader.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
    expect(reader.headers.get("x-content-type-options")).toBe("nosniff");

    const admin = await proxy(request("https://carnet.test/admin/formation-continue/articles"));
    const adminAgain = await proxy(request("https://carnet.test/admin"));
    const nonceOf = (value: string | null) => /'nonce-([^']+)'/.exec(value ?? "")?.[1];
    expect(nonceOf(admin.headers.get("content-security-policy"))).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(admin.headers.get("content-security-policy"))).not.toBe(nonceOf(adminAgain.headers.get("content-security-policy")));
    // Next reads the nonce from the request it renders: the proxy passes the policy on.
    expect(admin.headers.get("x-middleware-request-content-security-policy")).toBe(admin.headers.get("content-security-policy"));
  });

  it("are on redirects too", async () => {
    const redirect = await proxy(request("https://www.carnet.test/aide"));
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});
