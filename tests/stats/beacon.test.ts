import { describe, expect, it } from "vitest";
import { readBeacon, readBeaconPage, referrerDomainOf } from "@/lib/stats/beacon";

const ROOT = "carnet.test";
const HOST = "formation-continue.carnet.test";
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

function post(body: unknown, headers: Record<string, string> = {}) {
  return readBeacon({
    method: "POST",
    headers: new Headers({ host: HOST, origin: `https://${HOST}`, "user-agent": CHROME, "sec-fetch-site": "same-origin", ...headers }),
    body: typeof body === "string" ? body : JSON.stringify(body),
    rootDomain: ROOT,
  });
}

describe("reading a page-view beacon", () => {
  it("counts a browser's report of an article, with the site it came from", () => {
    const reading = post({ p: ARTICLE, r: "https://www.google.fr/search?q=reseaux" });
    expect(reading).toEqual({
      ok: true,
      view: {
        blogSlug: "formation-continue",
        path: ARTICLE,
        page: { kind: "article", postSlug: "reseaux-sociaux-entreprise-formation" },
        referrerDomain: "google.fr",
      },
    });
  });

  it("counts the <noscript> pixel, whose page is the Referer", () => {
    const reading = readBeacon({
      method: "GET",
      headers: new Headers({ host: HOST, referer: `https://${HOST}/categorie/numerique`, "user-agent": CHROME }),
      body: "",
      rootDomain: ROOT,
    });
    expect(reading).toEqual({ ok: true, view: { blogSlug: "formation-continue", path: "/categorie/numerique", page: { kind: "page" }, referrerDomain: null } });
  });

  it.each([
    ["Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["Facebook's link preview", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["Slack's link preview", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["WhatsApp's link preview", "WhatsApp/2.23.20.0 A"],
    ["a headless browser", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36"],
    ["curl", "curl/8.5.0"],
    ["no user agent", ""],
  ])("ignores %s", (_, userAgent) => {
    expect(post({ p: ARTICLE }, { "user-agent": userAgent })).toEqual({ ok: false, reason: "bot" });
  });

  it.each([
    ["sec-purpose", "prefetch"],
    ["sec-purpose", "prefetch;prerender"],
    ["purpose", "prefetch"],
    ["x-purpose", "preview"],
    ["x-moz", "prefetch"],
  ])("ignores a speculative request (%s: %s)", (header, value) => {
    expect(post({ p: ARTICLE }, { [header]: value })).toEqual({ ok: false, reason: "prefetch" });
  });

  it("ignores beacons sent from another site or with no origin", () => {
    expect(post({ p: ARTICLE }, { origin: "https://evil.example" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ p: ARTICLE }, { origin: "https://autre-blog.carnet.test" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ p: ARTICLE }, { "sec-fetch-site": "cross-site" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ p: ARTICLE }, { origin: "null" })).toEqual({ ok: false, reason: "foreign-origin" });
    const noOrigin = readBeacon({ method: "POST", headers: new Headers({ host: HOST, "user-agent": CHROME }), body: JSON.stringify({ p: ARTICLE }), rootDomain: ROOT });
    expect(noOrigin).toEqual({ ok: false, reason: "foreign-origin" });
    const pixelFromElsewhere = readBeacon({
      method: "GET",
      headers: new Headers({ host: HOST, referer: "https://evil.example/", "user-agent": CHROME }),
      body: "",
      rootDomain: ROOT,
    });
    expect(pixelFromElsewhere).toEqual({ ok: false, reason: "foreign-origin" });
  });

  it("ignores beacons on the platform's host or an address that is not a blog", () => {
    expect(post({ p: "/" }, { host: ROOT, origin: `https://${ROOT}` })).toEqual({ ok: false, reason: "not-a-blog" });
    expect(post({ p: "/" }, { host: "www.carnet.test", origin: "https://www.carnet.test" })).toEqual({ ok: false, reason: "not-a-blog" });
    expect(post({ p: "/" }, { host: "example.org", origin: "https://example.org" })).toEqual({ ok: false, reason: "not-a-blog" });
  });

  it("refuses bodies that are not a path report", () => {
    for (const body of ["", "pas du json", "null", "[]", JSON.stringify({ p: 42 }), JSON.stringify({ r: "x" }), "x".repeat(5000)]) {
      expect(post(body)).toEqual({ ok: false, reason: "bad-body" });
    }
  });

  it("counts only addresses that are reader pages", () => {
    for (const path of ["/admin", "/api/beacon", "/archives/2012/06/24/../../x", "/ARCHIVES/2012/06", "/flux/rss.xml", `/${"a".repeat(300)}`, "https://evil.example/"]) {
      expect(post({ p: path })).toEqual({ ok: false, reason: "bad-page" });
    }
  });
});

describe("reader page addresses", () => {
  it.each([
    ["/", { kind: "page" }],
    ["/page/2", { kind: "page" }],
    ["/archives/2012/06", { kind: "page" }],
    ["/categorie/numerique", { kind: "page" }],
    ["/categorie/numerique/page/3", { kind: "page" }],
    ["/recherche", { kind: "page" }],
    [ARTICLE, { kind: "article", postSlug: "reseaux-sociaux-entreprise-formation" }],
  ])("knows %s", (path, page) => {
    expect(readBeaconPage(path)).toEqual(page);
  });
});

describe("referring sites", () => {
  it("keeps the domain only, without www", () => {
    expect(referrerDomainOf("https://www.qwant.com/?q=formation+continue&t=web", HOST)).toBe("qwant.com");
    expect(referrerDomainOf("http://forum.example.org:8080/fil/12", HOST)).toBe("forum.example.org");
  });

  it("ignores moves inside the blog, and what is not a web address", () => {
    expect(referrerDomainOf(`https://${HOST}/archives/2012/06`, HOST)).toBeNull();
    expect(referrerDomainOf("", HOST)).toBeNull();
    expect(referrerDomainOf("javascript:alert(1)", HOST)).toBeNull();
    expect(referrerDomainOf("android-app://com.google.android.gm/", HOST)).toBeNull();
  });
});
