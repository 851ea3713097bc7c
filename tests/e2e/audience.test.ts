import { createClient } from "@libsql/client";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { freePort } from "../helpers/free-port";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const blog = (path = "/") => `http://formation-continue.${rootDomain}${path}`;
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const ARTICLE_TITLE = "Les réseaux sociaux d’entreprise au service de la formation";
// A person's browser; Chromium headless announces itself as HeadlessChrome, which is a robot.
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const NNBSP = "\u202f";
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

const database = createClient({ url: inject("databaseUrl") });
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  database.close();
});

async function figure(query: string, args: string[] = []): Promise<number> {
  const result = await database.execute({ sql: query, args });
  return Number(result.rows[0]?.[0] ?? 0);
}

const blogTotal = () => figure("select views from blog_view_total where blog_id = (select id from blog where slug = 'formation-continue')");
const articleTotal = () =>
  figure("select views from post_view_total where post_id = (select id from post where slug = 'reseaux-sociaux-entreprise-formation')");
const todayReferrals = (domain: string) =>
  figure("select coalesce(sum(views), 0) from daily_referrer where domain = ? and day = strftime('%Y-%m-%d', 'now')", [domain]);

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, pauseMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

const frenchCount = (value: number) => new Intl.NumberFormat("fr-FR").format(value).replace(/\s/g, NNBSP);

describe("the visitor counter", () => {
  beforeAll(async () => {
    // Views counted by an earlier journey may still be in the server's memory: let them be written
    // (every 5 s) before this file takes its own measures.
    await new Promise((resolve) => setTimeout(resolve, 6000));
  });

  it("counts a reader's view of the article once, not a robot's, and the sidebar shows it after the flush", { timeout: 150_000 }, async () => {
    const before = { blog: await blogTotal(), article: await articleTotal(), qwant: await todayReferrals("qwant.com") };
    const context = await browser.newContext({ userAgent: PERSON, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.61" } });
    const page = await context.newPage();
    const beacon = () => page.waitForResponse((response) => response.url() === blog("/api/beacon"));

    const firstBeacon = beacon();
    await page.goto(blog(ARTICLE), { referer: "https://www.qwant.com/?q=reseaux+sociaux+formation" });
    expect((await firstBeacon).status()).toBe(204);
    // The same reader reloading the page: no second view.
    for (let i = 0; i < 2; i += 1) {
      const again = beacon();
      await page.reload();
      await again;
    }
    // A robot reading the same page.
    const robot = await browser.newPage();
    const robotBeacon = robot.waitForResponse((response) => response.url() === blog("/api/beacon"));
    await robot.goto(blog(ARTICLE));
    await robotBeacon;
    await robot.close();

    // The views wait in memory a few seconds, then are written together.
    await waitUntil(async () => (await blogTotal()) > before.blog, 20_000);
    expect(await blogTotal()).toBe(before.blog + 1);
    expect(await articleTotal()).toBe(before.article + 1);
    expect(await todayReferrals("qwant.com")).toBe(before.qwant + 1);

    // The cached page learns the new total on a later visit (at most a minute after the write).
    await waitUntil(
      async () => {
        await page.reload();
        return (await page.getByTestId("visitor-total").textContent()) === frenchCount(before.blog + 1);
      },
      100_000,
      1000,
    );
    expect(await blogTotal()).toBe(before.blog + 1);
    await context.close();
  });

  it("counts a reader without JavaScript through the <noscript> pixel", { timeout: 60_000 }, async () => {
    const before = await blogTotal();
    const context = await browser.newContext({ userAgent: PERSON, javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.62" } });
    const page = await context.newPage();
    const pixel = page.waitForResponse((response) => response.url() === blog("/api/beacon"));
    await page.goto(blog("/categorie/numerique"));
    expect((await pixel).headers()["content-type"]).toBe("image/gif");
    await waitUntil(async () => (await blogTotal()) === before + 1, 20_000);
    await context.close();
  });

  it("keeps the article page static: a cached hit, whatever the beacon does", async () => {
    await httpGet(blog(ARTICLE));
    const second = await httpGet(blog(ARTICLE));
    expect(second.headers["x-nextjs-cache"]).toMatch(/HIT|STALE/);
    expect(second.headers["cache-control"]).toContain("s-maxage");
  });
});

function postBeacon(port: number, reader: string): Promise<number> {
  const host = `formation-continue.localhost:${port}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/beacon",
        method: "POST",
        headers: { host, origin: `http://${host}`, "user-agent": PERSON, "x-forwarded-for": reader, "content-type": "text/plain;charset=UTF-8" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ p: "/categorie/pedagogie", r: "" }));
  });
}

describe("stopping the server", () => {
  it("writes the views still waiting in memory before it exits", { timeout: 60_000 }, async () => {
    // A second server on the same build and database, that this test may stop.
    const port = await freePort();
    const child = spawn(process.execPath, ["lib/cli/serve.mjs"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), ROOT_DOMAIN: `localhost:${port}`, DATABASE_URL: inject("databaseUrl"), NEXT_DIST_DIR: ".next-test", TRUST_PROXY_HOPS: "1" },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await waitUntil(async () => (await httpGet(`http://localhost:${port}/robots.txt`).catch(() => ({ status: 0 }))).status === 200, 30_000);
      const before = await blogTotal();
      const statuses = [];
      for (let i = 1; i <= 30; i += 1) statuses.push(await postBeacon(port, `198.18.0.${i}`));
      expect(statuses.every((status) => status === 204)).toBe(true);
      // The first view is written at once, the others wait for the next write, seconds away.
      expect(await blogTotal()).toBeLessThan(before + 30);
      child.kill("SIGTERM");
      expect(await exited).toBe(143);
      expect(await blogTotal()).toBe(before + 30);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("feeds", () => {
  it("serves the blog's RSS and Atom feeds, announced in every page's <head>", async () => {
    const rss = await httpGet(blog("/flux/rss.xml"));
    expect(rss.status).toBe(200);
    expect(rss.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(XMLValidator.validate(rss.body)).toBe(true);
    const channel = (xml.parse(rss.body) as { rss: { channel: { title: string; item: { title: string; link: string }[] } } }).rss.channel;
    expect(channel.title).toBe("Formation Continue du Supérieur");
    expect(channel.item.map((item) => item.title)).toContain(ARTICLE_TITLE);
    expect(channel.item.find((item) => item.title === ARTICLE_TITLE)?.link).toBe(blog(ARTICLE));

    const atom = await httpGet(blog("/flux/atom.xml"));
    expect(atom.status).toBe(200);
    expect(atom.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = (xml.parse(atom.body) as { feed: { entry: { id: string }[] } }).feed;
    expect(feed.entry.map((entry) => entry.id)).toContain(blog(ARTICLE));

    const page = await browser.newPage();
    await page.goto(blog("/categorie/numerique"));
    const alternates = await page.locator('head link[rel="alternate"]').evaluateAll((links) =>
      links.map((link) => [link.getAttribute("type"), link.getAttribute("href"), link.getAttribute("title")]),
    );
    expect(alternates).toEqual([
      ["application/rss+xml", blog("/categorie/numerique/flux/rss.xml"), "Formation Continue du Supérieur — Numérique (RSS)"],
      ["application/atom+xml", blog("/categorie/numerique/flux/atom.xml"), "Formation Continue du Supérieur — Numérique (Atom)"],
      ["application/rss+xml", blog("/flux/rss.xml"), "Formation Continue du Supérieur (RSS)"],
      ["application/atom+xml", blog("/flux/atom.xml"), "Formation Continue du Supérieur (Atom)"],
    ]);
    await page.close();
  });

  it("serves a category's feeds and a 404 for an unknown one", async () => {
    const rss = await httpGet(blog("/categorie/numerique/flux/rss.xml"));
    expect(rss.status).toBe(200);
    const channel = (xml.parse(rss.body) as { rss: { channel: { title: string; item: { category: string }[] } } }).rss.channel;
    expect(channel.title).toBe("Formation Continue du Supérieur — Numérique");
    expect(channel.item.every((item) => item.category === "Numérique")).toBe(true);
    expect((await httpGet(blog("/categorie/inconnue/flux/atom.xml"))).status).toBe(404);
  });
});

describe("search engines and sharing", () => {
  it("publishes the blog's sitemap and robots.txt, and the platform's sitemap index", async () => {
    const sitemap = await httpGet(blog("/sitemap.xml"));
    expect(sitemap.status).toBe(200);
    expect(XMLValidator.validate(sitemap.body)).toBe(true);
    const locs = ((xml.parse(sitemap.body) as { urlset: { url: { loc: string }[] } }).urlset.url).map((url) => url.loc);
    expect(locs).toContain(blog(ARTICLE));
    expect(locs).toContain(blog("/categorie/numerique"));

    const robots = await httpGet(blog("/robots.txt"));
    expect(robots.body).toContain(`Sitemap: ${blog("/sitemap.xml")}`);
    expect(robots.body).toContain("Disallow: /recherche");

    const index = await httpGet(`http://${rootDomain}/sitemap.xml`);
    expect(index.status).toBe(200);
    expect(index.body).toContain(`<loc>${blog("/sitemap.xml")}</loc>`);
    expect((await httpGet(`http://${rootDomain}/robots.txt`)).body).toContain("Disallow: /admin");
  });

  it("gives the article OpenGraph and Twitter tags, a BlogPosting and a generated image", async () => {
    const page = await browser.newPage();
    await page.goto(blog(ARTICLE));
    const meta = (selector: string) => page.getAttribute(selector, "content");
    expect(await meta('meta[property="og:type"]')).toBe("article");
    expect(await meta('meta[property="og:title"]')).toBe(ARTICLE_TITLE);
    expect(await meta('meta[property="og:url"]')).toBe(blog(ARTICLE));
    expect(await meta('meta[property="og:image"]')).toBe(blog(`${ARTICLE}/og.png`));
    expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as Record<string, unknown>;
    expect(jsonLd).toMatchObject({ "@type": "BlogPosting", headline: ARTICLE_TITLE, url: blog(ARTICLE), author: { name: "Hélène Marchand" } });
    await page.close();

    const image = await httpGet(blog(`${ARTICLE}/og.png`));
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.body.slice(1, 4)).toBe("PNG");
    expect((await httpGet(blog("/archives/2012/06/25/reseaux-sociaux-entreprise-formation/og.png"))).status).toBe(404);
  });

  it("gives the blog its own icon in the browser's tab and on a phone's home screen, and the platform Carnet's", async () => {
    const page = await browser.newPage();
    const icons = async (url: string) => {
      await page.goto(url);
      // Where the browser fetches them from: the address of the page's own host.
      const address = (rel: string) => page.locator(`link[rel="${rel}"]`).evaluate((link) => (link as HTMLLinkElement).href);
      return { tab: await address("icon"), phone: await address("apple-touch-icon") };
    };
    expect(await icons(blog(ARTICLE))).toEqual({ tab: blog("/favicon.ico"), phone: blog("/apple-touch-icon.png") });
    const platform = `http://${rootDomain}`;
    expect(await icons(`${platform}/`)).toEqual({ tab: `${platform}/favicon.ico`, phone: `${platform}/apple-touch-icon.png` });
    await page.close();
    for (const address of [blog("/favicon.ico"), blog("/apple-touch-icon.png"), `${platform}/favicon.ico`, `${platform}/apple-touch-icon.png`]) {
      const icon = await httpGet(address);
      expect([address, icon.status, icon.headers["content-type"], icon.body.slice(1, 4)]).toEqual([address, 200, "image/png", "PNG"]);
    }
    expect((await httpGet(`http://blog-qui-n-existe-pas.${rootDomain}/favicon.ico`)).status).toBe(404);
  });
});

describe("search", () => {
  it("finds « réseaux sociaux » typed without accents from the sidebar, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(blog("/"));
    const box = page.getByRole("search").first();
    await box.getByRole("searchbox").fill("reseaux sociaux");
    await box.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL((url) => url.pathname === "/recherche");
    expect(new URL(page.url()).searchParams.get("q")).toBe("reseaux sociaux");
    expect(await page.locator("h1").textContent()).toBe("Recherche");
    const first = page.getByRole("main").getByRole("article").first();
    expect(await first.getByRole("link").textContent()).toBe(ARTICLE_TITLE);
    expect(await first.locator("mark").first().textContent()).toMatch(/^réseaux$/i);
    await first.getByRole("link").click();
    await page.waitForURL(blog(ARTICLE));
    await context.close();
  });

  it("pages through results", async () => {
    const page = await browser.newPage();
    await page.goto(blog("/recherche?q=formation"));
    expect(await page.getByRole("status").first().textContent()).toMatch(/^\d+ articles trouvés$/);
    expect(await page.getByRole("main").getByRole("article").count()).toBe(10);
    await page.getByRole("link", { name: "Résultats suivants →" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    expect(await page.getByRole("main").getByRole("article").count()).toBeGreaterThan(0);
    await page.close();
  });

  it.each([
    ['a lone quote', '"'],
    ["FTS operators", "formation NEAR(adultes) OR title:vae AND NOT *"],
    // Ten thousand characters (plain ones: accented ones would make the address longer than Node accepts).
    ["10 000 characters", "formation OR NEAR(x) \"adultes\"* ".repeat(400).slice(0, 10_000)],
    ["markup", "<script>alert(1)</script>"],
    ["an array of parameters", ["a", "b"]],
  ])("answers %s cleanly", async (_, query) => {
    const search = Array.isArray(query) ? query.map((q) => `q=${encodeURIComponent(q)}`).join("&") : `q=${encodeURIComponent(query)}`;
    const response = await httpGet(blog(`/recherche?${search}&page=${encodeURIComponent("-3")}`));
    expect(response.status).toBe(200);
    expect(response.body).not.toContain("<script>alert(1)</script>");
  });
});

describe("statistics", () => {
  it("show the demo blogger her views, top posts and referring sites, on a phone too", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, "/admin/formation-continue/statistiques");
    await page.goto(`http://${rootDomain}/admin/formation-continue/statistiques?periode=90`);
    expect(await page.locator("h1").textContent()).toBe("Statistiques");
    expect(await page.getByRole("link", { name: "90 jours" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByTestId("visites-resume").textContent()).toMatch(/^[\d\u202f]+ visites sur les 90 derniers jours · [\d\u202f]+ depuis la création$/);
    expect(await page.getByRole("img", { name: /^Visites par jour, du .+ au .+, maximum/ }).count()).toBe(1);
    expect(await page.getByRole("region", { name: "Articles les plus lus" }).getByRole("row").count()).toBe(11);
    expect(await page.getByRole("region", { name: "Sites qui vous envoient des lecteurs" }).textContent()).toContain("google.fr");
    expect(await page.getByRole("region", { name: "Abonnés à la newsletter" }).getByRole("img").count()).toBe(1);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it("are for the blog's members only", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://${rootDomain}/admin/formation-continue/statistiques`);
    expect(new URL(page.url()).pathname).toBe("/connexion");
    await context.close();
  });
});
