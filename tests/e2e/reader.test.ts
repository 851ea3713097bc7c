import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatMonth } from "@/lib/i18n";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";

const rootDomain = inject("rootDomain");
const blog = (path = "/") => `http://formation-continue.${rootDomain}${path}`;
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const NNBSP = "\u202f";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
});

describe("reading the demo blog", () => {
  it("shows the article of 24 June 2012 with everything a blog page carries", async () => {
    const page = await browser.newPage();
    const response = await page.goto(blog(ARTICLE));
    expect(response?.status()).toBe(200);

    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.title()).toBe("Les réseaux sociaux d’entreprise au service de la formation — Formation Continue du Supérieur");
    expect(await page.getAttribute('link[rel="canonical"]', "href")).toBe(blog(ARTICLE));
    expect(await page.getAttribute('meta[name="description"]', "content")).toMatch(/réseaux sociaux d’entreprise/);

    // Platform bar, the same for everyone.
    const bar = page.getByRole("navigation", { name: "Barre de la plateforme" });
    for (const name of ["Carnet", "Editer l'article", "Suivre ce blog", "Administration", "+ Créer mon blog"]) {
      expect(await bar.getByRole("link", { name, exact: true }).count()).toBe(1);
    }

    // Landmarks and one h1.
    expect(await page.getByRole("banner").count()).toBe(1);
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("complementary", { name: "Colonne latérale" }).count()).toBe(1);
    expect(await page.getByRole("contentinfo").count()).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);

    // Blog title, date in French, title, byline, body with sub-headings, « quotations » and an image.
    expect(await page.getByRole("banner").textContent()).toContain("Formation Continue du Supérieur");
    const article = page.getByRole("article", { name: "Les réseaux sociaux d’entreprise au service de la formation" });
    expect(await article.locator("time").first().textContent()).toBe("24 juin 2012");
    expect(await article.textContent()).toContain("Par Hélène Marchand");
    expect(await article.locator("h2").count()).toBeGreaterThanOrEqual(2);
    expect(await article.locator("blockquote").first().textContent()).toMatch(/«\u00a0.+\u00a0»/s);
    const image = article.getByRole("img", { name: /réseau social d’entreprise relie formateurs/ });
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Comments: the approved ones and a labelled form.
    const comments = page.getByRole("region", { name: "Commentaires" });
    expect(await comments.getByRole("article").count()).toBe(3);
    expect(await comments.textContent()).toContain("Marc L.");
    for (const label of ["Nom", "E-mail (jamais affiché)", "Site web (facultatif)", "Commentaire"]) {
      expect(await comments.getByLabel(label, { exact: true }).count()).toBe(1);
    }

    // Sidebar figures.
    const sidebar = page.getByRole("complementary", { name: "Colonne latérale" });
    expect(await sidebar.getByRole("region", { name: "Newsletter" }).getByLabel("Votre adresse e-mail").count()).toBe(1);
    expect(await page.getByTestId("subscriber-count").textContent()).toBe("49 abonnés");
    expect(await sidebar.getByRole("region", { name: "Visiteurs" }).textContent()).toContain(`Depuis la création 2${NNBSP}783${NNBSP}472`);
    expect(await sidebar.getByRole("region", { name: "Archives" }).getByRole("link", { name: "juin 2012" }).count()).toBe(1);
    expect(await sidebar.getByRole("region", { name: "Catégories" }).getByRole("link", { name: "Numérique" }).count()).toBe(1);
    await page.close();
  });

  it("navigates from the home page through a monthly archive to the article, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(blog("/"));
    expect(await page.locator("h1").textContent()).toBe("Derniers articles");
    expect(await page.getByRole("main").getByRole("article").count()).toBe(10);

    await page.getByRole("complementary").getByRole("link", { name: "juin 2012" }).click();
    await page.waitForURL(blog("/archives/2012/06"));
    expect(await page.locator("h1").textContent()).toBe("Archives : juin 2012");
    const listed = page.getByRole("main").getByRole("article");
    expect(await listed.count()).toBe(1);

    await listed.getByRole("link", { name: "Les réseaux sociaux d’entreprise au service de la formation", exact: true }).click();
    await page.waitForURL(blog(ARTICLE));
    expect(await page.locator("h1").textContent()).toBe("Les réseaux sociaux d’entreprise au service de la formation");

    await page.getByRole("link", { name: "Suivre ce blog" }).click();
    expect(page.url()).toBe(blog(`${ARTICLE}#newsletter`));
    await context.close();
  });

  it("pages through the home page and lists a category", async () => {
    const page = await browser.newPage();
    await page.goto(blog("/"));
    await page.getByRole("link", { name: "Articles plus anciens →" }).click();
    await page.waitForURL(blog("/page/2"));
    expect(await page.getByRole("main").getByRole("article").count()).toBe(7);
    expect(await page.locator("h1").textContent()).toBe("Page 2 sur 2");

    await page.getByRole("complementary").getByRole("link", { name: "Pédagogie" }).click();
    await page.waitForURL(blog("/categorie/pedagogie"));
    expect(await page.locator("h1").textContent()).toBe("Catégorie : Pédagogie");
    expect(await page.getByRole("main").getByRole("article").count()).toBe(3);
    await page.close();
  });

  it("keeps an old blog's sidebar short: its last two years month by month, a line for each year before, which leads to its months", async () => {
    // Suzanne's travel notes, one post on the 15th of every month from January 2004 to June 2008 (before the demo's: the platform's home page lists the demo's).
    const database = openDatabase(inject("databaseUrl"));
    const slug = uniqueSlug("voyages");
    const ownerId = await createAccount(database, { name: "Suzanne Voyage", email: `${slug}@exemple.test`, password: "carnet de route de Suzanne" });
    const blogId = await createBlog(database, { slug, title: "Carnet de route", ownerId });
    const months = Array.from({ length: 54 }, (_, i) => ({ year: 2004 + Math.floor(i / 12), month: (i % 12) + 1 }));
    await database.batch(
      months.map(({ year, month }) => {
        const at = Date.UTC(year, month - 1, 15, 9);
        return {
          sql: "insert into post (blog_id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)",
          args: [blogId, ownerId, `etape-${year}-${month}`, `Étape de ${month}/${year}`, "Une étape de plus.", "<p>Une étape de plus.</p>", "Une étape de plus.", at, at, at],
        };
      }),
      "write",
    );
    database.close();
    const travels = (path: string) => `http://${slug}.${rootDomain}${path}`;

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(travels("/"));
    const archives = page.getByRole("complementary").getByRole("region", { name: "Archives" });
    const lines = await archives.getByRole("listitem").allTextContents();
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 2)).toEqual(["juin 2008 (1)", "mai 2008 (1)"]);
    expect(lines.slice(17)).toEqual(["janvier 2007 (1)", "2006 (12)", "2005 (12)", "2004 (12)"]);

    await archives.getByRole("link", { name: "2005", exact: true }).click();
    await page.waitForURL(travels("/archives/2005"));
    expect(await page.locator("h1").textContent()).toBe("Archives : 2005");
    expect(await page.title()).toBe("Archives : 2005 — Carnet de route");
    const year = page.getByRole("main").getByRole("listitem");
    expect(await year.allTextContents()).toEqual(Array.from({ length: 12 }, (_, i) => `${formatMonth(2005, 12 - i, "fr")} — 1 article`));

    await page.getByRole("main").getByRole("link", { name: "mars 2005" }).click();
    await page.waitForURL(travels("/archives/2005/03"));
    expect(await page.getByRole("main").getByRole("link", { name: "Étape de 3/2005", exact: true }).count()).toBe(1);
    await context.close();
  });

  it("leads from a tag under the article to the tag's page and its feed, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(blog(ARTICLE));
    const article = page.getByRole("article", { name: "Les réseaux sociaux d’entreprise au service de la formation" });
    await article.getByRole("link", { name: "réseaux sociaux", exact: true }).click();
    await page.waitForURL(blog("/tag/reseaux-sociaux"));
    expect(await page.title()).toBe("Mot-clé : réseaux sociaux — Formation Continue du Supérieur");
    expect(await page.getAttribute('link[rel="canonical"]', "href")).toBe(blog("/tag/reseaux-sociaux"));
    expect(await page.locator("h1").textContent()).toBe("Mot-clé : réseaux sociaux");
    const listed = page.getByRole("main").getByRole("article");
    expect(await listed.count()).toBe(1);
    expect(await listed.getByRole("link", { name: "Les réseaux sociaux d’entreprise au service de la formation", exact: true }).count()).toBe(1);

    const feedUrl = await page.getAttribute('head link[rel="alternate"][type="application/rss+xml"]', "href");
    expect(feedUrl).toBe(blog("/tag/reseaux-sociaux/flux/rss.xml"));
    const rss = await httpGet(feedUrl!);
    expect(rss.status).toBe(200);
    expect(XMLValidator.validate(rss.body)).toBe(true);
    const channel = (new XMLParser({ isArray: (name) => name === "item" }).parse(rss.body) as { rss: { channel: { title: string; item: { link: string }[] } } }).rss.channel;
    expect(channel.title).toBe("Formation Continue du Supérieur — mot-clé réseaux sociaux");
    expect(channel.item.map((item) => item.link)).toEqual([blog(ARTICLE)]);
    await context.close();
  });

  it("lists the demo blog's posts on the platform's home page", async () => {
    const page = await browser.newPage();
    await page.goto(`http://${rootDomain}/`);
    expect(await page.locator("h1").textContent()).toBe("Votre blog, simplement.");
    expect(await page.getByRole("link", { name: "Créer mon blog", exact: true }).count()).toBe(1);
    await page.getByRole("link", { name: "Les diplômes d’université, une spécialité de la formation continue" }).click();
    await page.waitForURL(blog("/archives/2013/09/17/diplomes-universite-du"));
    await page.close();
  });

  it("serves the platform's MDX pages", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://${rootDomain}/a-propos`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("À propos de Carnet");
    await page.close();
  });
});

describe("addresses that lead nowhere", () => {
  it.each([
    ["an unknown post", blog("/archives/2012/06/24/article-inexistant")],
    ["a month without posts", blog("/archives/2012/07")],
    ["an impossible month", blog("/archives/2012/13")],
    ["a year without posts", blog("/archives/2014")],
    ["an impossible year", blog("/archives/0999")],
    ["a page past the last", blog("/page/3")],
    ["an unknown category", blog("/categorie/inconnue")],
    ["an unknown tag", blog("/tag/inconnu")],
    ["any other path on a blog", blog("/nimporte/quoi")],
    ["the home of a blog that does not exist", `http://blog-a-creer.${rootDomain}/`],
    ["an unknown page of the platform", `http://${rootDomain}/aide/inexistante`],
  ])("answers %s with a real 404 page, readable without JavaScript", async (_, url) => {
    const response = await httpGet(url);
    expect(response.status).toBe(404);
    const html = response.body.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(html).toMatch(/<h1[^>]*>Page introuvable<\/h1>/);
    expect(html).toMatch(/<title>Page introuvable — /);
  });

  it("still serves the public files and the platform's own pages next to those 404s", async () => {
    expect((await httpGet(`http://${rootDomain}/static/demo/reseau-social-entreprise.svg`)).status).toBe(200);
    expect((await httpGet(blog("/static/demo/reseau-social-entreprise.svg"))).status).toBe(200);
    const about = await httpGet(`http://${rootDomain}/aide`);
    expect(about.status).toBe(200);
  });

  it("offers to create a blog at an address where none lives", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://blog-a-creer.${rootDomain}/`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent("body")).toContain(`Aucun blog n'est hébergé à l'adresse blog-a-creer.${rootDomain}`);
    expect(await page.getByRole("link", { name: "Créer ce blog" }).getAttribute("href")).toBe(
      `http://${rootDomain}/creer-mon-blog?adresse=blog-a-creer`,
    );
    await page.close();
  });

  it("keeps Canalblog's .html article addresses working", async () => {
    const page = await browser.newPage();
    const response = await page.goto(blog(`${ARTICLE}.html`));
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(blog(ARTICLE));
    expect(await page.locator("h1").textContent()).toBe("Les réseaux sociaux d’entreprise au service de la formation");
    await page.close();
  });
});

describe("the cache", () => {
  it("answers a second request for an article from the cache without a database query", async () => {
    const first = await httpGet(blog(ARTICLE));
    expect(first.status).toBe(200);
    const queriesBefore = readFileSync(inject("queryLog"), "utf8").split("\n").length;
    const second = await httpGet(blog(ARTICLE));
    expect(second.status).toBe(200);
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
    expect(second.body).toContain("Les réseaux sociaux d’entreprise au service de la formation");
    expect(readFileSync(inject("queryLog"), "utf8").split("\n").length).toBe(queriesBefore);
  });

  it("carries an article's text and comments once: in its HTML, not a second time in the React payload of the page", async () => {
    const { body } = await httpGet(blog(ARTICLE));
    const payload = [...body.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/g)].map((match) => String(JSON.parse(match[1] ?? "[]")[1] ?? "")).join("");
    expect(payload).toContain("Les réseaux sociaux d’entreprise au service de la formation");
    const html = body.replace(/<script[\s\S]*?<\/script>/g, "");
    const sentence = "Je reviendrai sur ce sujet à la rentrée";
    expect(html).toContain(sentence);
    expect(payload).not.toContain(sentence);
    for (const author of ["Marc L.", "Sophie Garnier"]) {
      expect(html).toContain(`<article id="commentaire-`);
      expect(html).toContain(`aria-label="${author}"`);
      expect(payload).not.toContain(author);
    }
  });

  it("tags a cached page with an ETag of its bytes, and answers 304 without the page to a reader who has it", async () => {
    const page = await httpGet(blog(ARTICLE));
    const etag = String(page.headers.etag);
    expect(etag).toBe(`"${createHash("sha1").update(page.body).digest("base64url")}"`);
    expect((await httpGet(blog("/"))).headers.etag).not.toBe(etag);
    const again = await httpGet(blog(ARTICLE), { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    const stale = await httpGet(blog(ARTICLE), { "If-None-Match": '"une-autre-version"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(page.body);
  });

  it("renders articles asked all at once, in two blogs, each with its own text and comments", async () => {
    // What the HTML alone carries is set aside per render (lib/reader/page-markup.ts): twelve first
    // requests at the same time must not lend one article's text or comments to another's page.
    const database = openDatabase(inject("databaseUrl"));
    const articles: { url: string; marker: string }[] = [];
    for (const name of ["Lucie", "Gaspard"]) {
      const slug = uniqueSlug(name.toLowerCase());
      const ownerId = await createAccount(database, { name, email: `${slug}@exemple.test`, password: `le carnet de ${name}` });
      const blogId = await createBlog(database, { slug, title: `Le carnet de ${name}`, ownerId });
      for (let n = 1; n <= 6; n++) {
        const marker = `${slug}-billet-${n}`;
        const at = Date.UTC(2010, 0, n, 9);
        const post = await database.execute({
          sql: "insert into post (blog_id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at) values (?, ?, ?, ?, '', ?, '', 'published', ?, ?, ?) returning id",
          args: [blogId, ownerId, `billet-${n}`, `Billet ${n} de ${name}`, `<p>Texte ${marker}.</p>`, at, at, at],
        });
        await database.execute({
          sql: "insert into comment (blog_id, post_id, author_name, author_email, body, status, created_at) values (?, ?, 'Une lectrice', 'lectrice@exemple.test', ?, 'approved', ?)",
          args: [blogId, Number(post.rows[0]?.id), `Commentaire ${marker}`, at + 60_000],
        });
        articles.push({ url: `http://${slug}.${rootDomain}/archives/2010/01/${String(n).padStart(2, "0")}/billet-${n}`, marker });
      }
    }
    database.close();
    const pages = await Promise.all(articles.map(({ url }) => httpGet(url)));
    pages.forEach((page, i) => {
      const { marker } = articles[i] ?? { marker: "" };
      expect(page.status).toBe(200);
      const text = page.body.match(/<div id="texte-article"[^>]*>([\s\S]*?)<\/div>/)?.[1];
      const list = page.body.match(/<ol id="liste-commentaires"[^>]*>([\s\S]*?)<\/ol>/)?.[1] ?? "";
      expect(text).toBe(`<p>Texte ${marker}.</p>`);
      expect(list).toContain(`Commentaire ${marker}`);
      expect(list.match(/<article /g)).toHaveLength(1);
    });
  });

  it("renders an archive page on its first request and serves it from the cache afterwards", async () => {
    const url = blog("/archives/2011/10");
    const queriesBefore = readFileSync(inject("queryLog"), "utf8").split("\n").length;
    const first = await httpGet(url);
    expect(first.status).toBe(200);
    expect(readFileSync(inject("queryLog"), "utf8").split("\n").length).toBeGreaterThan(queriesBefore);
    const queriesAfterFirst = readFileSync(inject("queryLog"), "utf8").split("\n").length;
    const second = await httpGet(url);
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
    expect(readFileSync(inject("queryLog"), "utf8").split("\n").length).toBe(queriesAfterFirst);
  });
});
