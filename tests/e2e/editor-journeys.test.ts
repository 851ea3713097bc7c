import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page, Route } from "playwright-core";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const DEMO = "formation-continue";
const demo = (path = "/") => `http://${DEMO}.${rootDomain}${path}`;
const EMAIL = "capucine.redaction@exemple.test";
const PASSWORD = "Une-plume-jamais-perdue-2026";
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const database = openDatabase(inject("databaseUrl"));
let browser: Browser;
let slug = "";
let blogId = 0;

beforeAll(async () => {
  browser = await launchChromium();
  const owner = await createAccount(database, { name: "Capucine Rédaction", email: EMAIL, password: PASSWORD });
  slug = uniqueSlug("plume");
  blogId = await createBlog(database, { slug, title: "La plume de Capucine", ownerId: owner });
});
afterAll(async () => {
  await browser.close();
  database.close();
});

async function editor(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, rootDomain, EMAIL, PASSWORD, path);
  return { context, page };
}

const title = (page: Page) => page.getByLabel("Titre", { exact: true });
const body = (page: Page) => page.getByLabel("Texte (Markdown)");
const isServerAction = (headers: Record<string, string>) => "next-action" in headers;

async function countPosts(status: string): Promise<number> {
  const result = await database.execute({ sql: "select count(*) as n from post where blog_id = ? and status = ?", args: [blogId, status] });
  return Number(result.rows[0]?.n);
}

describe("writing without losing a word", () => {
  let draftUrl = "";

  it("saves while one types; after the tab is killed, the editor opens on the text", async () => {
    const { context, page } = await editor(`/admin/${slug}/articles/nouveau`);
    await title(page).fill("Carnet de Belle-Île");
    await body(page).fill("Le bateau part de Quiberon à huit heures.");
    await page.getByText(/^Enregistré à \d{1,2}:\d{2}/).waitFor();
    // The new draft has its own address now: a reload (or the tab reopened) finds it.
    await page.waitForURL((url) => /\/articles\/\d+$/.test(url.pathname));
    draftUrl = page.url();
    await context.close();

    const again = await editor(new URL(draftUrl).pathname);
    expect(await title(again.page).inputValue()).toBe("Carnet de Belle-Île");
    expect(await body(again.page).inputValue()).toBe("Le bateau part de Quiberon à huit heures.");
    expect(await countPosts("published")).toBe(0);
    await again.context.close();
  });

  it("keeps a copy in the browser when the server cannot be reached, and offers it back on return", async () => {
    const { context, page } = await editor(new URL(draftUrl).pathname);
    // The connection drops: every call to the server fails.
    const offline = (route: Route) => (isServerAction(route.request().headers()) ? route.abort("internetdisconnected") : route.fallback());
    await page.route("**/*", offline);
    await body(page).fill("Le bateau part de Quiberon à huit heures.\n\nÀ Sauzon, le port est minuscule.");
    await page.getByText("Hors ligne, copie locale").waitFor();
    await page.unroute("**/*", offline);

    await page.reload();
    await page.getByText(/^Une version plus récente de ce texte a été retrouvée/).waitFor();
    expect(await body(page).inputValue()).toBe("Le bateau part de Quiberon à huit heures.");
    await page.getByRole("button", { name: "Reprendre cette version" }).click();
    expect(await body(page).inputValue()).toContain("À Sauzon, le port est minuscule.");
    await page.getByText(/^Enregistré à/).waitFor();
    const saved = await database.execute({ sql: "select body_markdown from post where id = ?", args: [Number(/(\d+)$/.exec(draftUrl)?.[1])] });
    expect(saved.rows[0]?.body_markdown).toContain("À Sauzon");
    await context.close();
  });

  it("tells the second tab that the post changed elsewhere and offers the other version", async () => {
    const first = await editor(new URL(draftUrl).pathname);
    const second = await first.context.newPage();
    await second.goto(draftUrl);
    await body(first.page).fill("Version écrite dans le premier onglet.");
    await first.page.getByText(/^Enregistré à/).waitFor();
    await body(second).fill("Version écrite dans le second onglet.");
    await second.getByText(/^Cet article a été modifié ailleurs/).waitFor();
    await second.getByRole("button", { name: "Prendre l'autre version" }).click();
    expect(await body(second).inputValue()).toBe("Version écrite dans le premier onglet.");
    await first.context.close();
  });
});

describe("publishing is deliberate", () => {
  it("Enter in « Titre » publishes nothing, with or without JavaScript", async () => {
    const { context, page } = await editor(`/admin/${slug}/articles/nouveau`);
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") sent.push(request.postData() ?? "");
    });
    await title(page).fill("Un titre, puis Entrée");
    await title(page).press("Enter");
    // The autosave that follows is the only request: a draft, nothing published.
    await page.getByText(/^Enregistré à/).waitFor();
    expect(sent.some((data) => data.includes('name="intent"'))).toBe(false);
    expect(await countPosts("published")).toBe(0);
    await context.close();

    const plain = await editor(`/admin/${slug}/articles/nouveau`, { javaScriptEnabled: false });
    const plainSent: string[] = [];
    plain.page.on("request", (request) => {
      if (request.method() === "POST") plainSent.push(request.postData() ?? "");
    });
    await title(plain.page).fill("Sans JavaScript");
    await body(plain.page).fill("Du texte.");
    await title(plain.page).press("Enter");
    // The one form sent is the one asked for: the preview button.
    await Promise.all([plain.page.waitForEvent("load"), plain.page.getByRole("button", { name: "Aperçu" }).click()]);
    expect(plainSent).toHaveLength(1);
    expect(plainSent[0]).toContain("preview");
    expect(await countPosts("published")).toBe(0);
    await plain.context.close();
  });
});

describe("showing a draft before it is published", () => {
  it("a preview link shows the draft to a signed-out reader, kept out of search engines, until it is revoked; the search engine title becomes the article's <title>", async () => {
    const { context, page } = await editor(`/admin/${slug}/articles/nouveau`);
    await title(page).fill("Le phare des Poulains");
    await body(page).fill("À marée basse, on rejoint le phare à pied par les rochers.");
    await page.waitForURL((url) => /\/articles\/\d+$/.test(url.pathname));
    const draftUrl = page.url();
    await page.goto(draftUrl);
    await page.getByText("Référencement", { exact: true }).click();
    const seoTitle = "Phare des Poulains : y aller à pied à marée basse";
    await page.getByLabel("Titre pour les moteurs de recherche").fill(seoTitle);
    await page.getByLabel("Description", { exact: true }).fill("L'heure de la marée, le chemin par les rochers et le retour avant que la mer ne monte.");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.getByText("Brouillon enregistré.").waitFor();
    await page.getByRole("button", { name: "Créer un lien d'aperçu" }).click();
    const address = page.getByLabel("Adresse de l'aperçu");
    await address.waitFor();
    const link = await address.inputValue();
    expect(link).toMatch(new RegExp(`^http://${slug}\\.${rootDomain.replace(/[.:]/g, "\\$&")}/apercu/[A-Za-z0-9_-]{43}$`));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: platform("") });
    await page.getByRole("button", { name: "Copier" }).click();
    await page.getByRole("button", { name: "Lien copié." }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Someone who has only the link: no account, no session.
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    const beacons: string[] = [];
    readerPage.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/beacon") beacons.push(request.url());
    });
    const answer = await readerPage.goto(link);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    expect(answer?.headers()["cache-control"]).not.toMatch(/s-maxage|public/);
    await readerPage.getByText("Aperçu — cet article n'est pas encore publié").waitFor();
    expect(await readerPage.getByRole("heading", { level: 1 }).textContent()).toBe("Le phare des Poulains");
    expect(await readerPage.getByText("À marée basse, on rejoint le phare à pied par les rochers.").count()).toBe(1);
    expect(await readerPage.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex, nofollow");
    expect(await readerPage.title()).toBe(seoTitle);
    expect(await readerPage.getByRole("banner").textContent()).toContain("La plume de Capucine");
    expect(await readerPage.getByRole("heading", { name: "Ajouter un commentaire" }).count()).toBe(0);
    expect(beacons).toEqual([]);

    await page.getByRole("button", { name: "Révoquer le lien" }).click();
    await page.getByRole("button", { name: "Créer un lien d'aperçu" }).waitFor();
    expect((await httpGet(link)).status).toBe(404);
    expect((await readerPage.goto(link))?.status()).toBe(404);

    // Published, the search engine title is the article's.
    await page.getByRole("button", { name: "Publier maintenant" }).click();
    await page.waitForURL((url) => url.searchParams.get("enregistre") === "publish");
    const article = await page.getByRole("link", { name: /^Voir l'article/ }).getAttribute("href");
    await readerPage.goto(article!);
    expect(await readerPage.title()).toBe(seoTitle);
    expect(await readerPage.locator('meta[property="og:title"]').getAttribute("content")).toBe(seoTitle);
    expect(await readerPage.locator('meta[name="description"]').getAttribute("content")).toBe("L'heure de la marée, le chemin par les rochers et le retour avant que la mer ne monte.");
    expect(await readerPage.getByRole("heading", { level: 1 }).textContent()).toBe("Le phare des Poulains");
    await reader.close();
    await context.close();
  });
});

describe("a preview link answers on its own blog only", () => {
  it("speaks the blog's language, and answers 404 on another blog's host or for a malformed token", async () => {
    const owner = await createAccount(database, { name: "Harriet Draft", email: "harriet.draft@exemple.test", password: PASSWORD });
    const english = uniqueSlug("notebook");
    const englishId = await createBlog(database, { slug: english, title: "Harriet's Notebook", ownerId: owner });
    await database.execute({ sql: "update blog set language = 'en' where id = ?", args: [englishId] });
    const token = randomBytes(32).toString("base64url");
    await database.execute({
      sql: "insert into post (blog_id, author_id, slug, title, body_html, status, preview_token, created_at, updated_at) values (?, ?, 'tide-tables', 'Reading the tide tables', '<p>High water at noon.</p>', 'draft', ?, ?, ?)",
      args: [englishId, owner, token, Date.now(), Date.now()],
    });
    const preview = await httpGet(`http://${english}.${rootDomain}/apercu/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('<html lang="en"');
    expect(preview.body).toContain("Preview — this post is not published yet");
    expect(preview.body).toContain("High water at noon.");
    // The same token on another blog's host, and tokens of the wrong shape.
    expect((await httpGet(`http://${slug}.${rootDomain}/apercu/${token}`)).status).toBe(404);
    expect((await httpGet(`http://${english}.${rootDomain}/apercu/${token.slice(1)}`)).status).toBe(404);
    expect((await httpGet(`http://${english}.${rootDomain}/apercu/${token.slice(0, -1)}%21`)).status).toBe(404);
  });
});

describe("images where one writes", () => {
  it("uploads a dropped and a pasted image, asks for its description, and shows it in the preview", async () => {
    const { context, page } = await editor(`/admin/${slug}/articles/nouveau`);
    await title(page).fill("Les aiguilles de Port-Coton");
    await body(page).fill("Les rochers au couchant.\n\n");
    const png = (await sharp({ create: { width: 640, height: 400, channels: 3, background: "#3a6f8f" } }).png().toBuffer()).toString("base64");

    for (const [gesture, alt] of [
      ["drop", "Les aiguilles de Port-Coton sous la houle"],
      ["paste", "La côte sauvage au soleil couchant"],
    ] as const) {
      await body(page).evaluate(
        (area: HTMLTextAreaElement, { data, gesture }) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], "cote-sauvage.png", { type: "image/png" }));
          area.focus();
          area.setSelectionRange(area.value.length, area.value.length);
          const event =
            gesture === "drop"
              ? new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true })
              : new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true });
          area.dispatchEvent(event);
        },
        { data: png, gesture },
      );
      const dialog = page.getByRole("dialog", { name: "Décrire l'image" });
      await dialog.getByLabel(/^Texte alternatif/).fill(alt);
      await dialog.getByRole("button", { name: "Insérer" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(await body(page).inputValue()).toMatch(new RegExp(`!\\[${alt}\\]\\(/medias/[^)]+\\)`));
      const shown = page.getByTestId("apercu").getByRole("img", { name: alt });
      await shown.waitFor();
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    }
    await context.close();
  });

  it("shows the blog's images in the editor's picker, loaded from the blog's own address", async () => {
    const { context, page } = await editor(`/admin/${slug}/articles/nouveau`);
    await page.getByText("Insérer une image de la médiathèque").click();
    const thumbnails = page.locator("details img");
    await thumbnails.first().waitFor();
    expect(await thumbnails.evaluateAll((all: HTMLImageElement[]) => all.every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
    await context.close();
  });
});

/** The reader pages of the demo blog a phone can land on, found from its home page. */
async function readerPages(page: Page): Promise<string[]> {
  await page.goto(demo("/"));
  const links = await page.locator("a[href]").evaluateAll((all: HTMLAnchorElement[]) => all.map((a) => a.href));
  const first = (pattern: RegExp) => links.find((href) => href.startsWith(demo("/")) && pattern.test(new URL(href).pathname));
  return [
    demo("/"),
    demo("/page/2"),
    first(/^\/archives\/\d{4}\/\d{2}\/\d{2}\//),
    first(/^\/archives\/\d{4}\/\d{2}$/),
    first(/^\/categorie\//),
    demo("/recherche?q=formation"),
    demo("/newsletter"),
    demo("/une-page-qui-n-existe-pas"),
    platform("/"),
  ].filter((url): url is string => typeof url === "string");
}

describe("reading on a phone, and for everyone", () => {
  it.each([
    ["without JavaScript", false],
    ["with JavaScript", true],
  ])("answers an unknown address of a blog with a 404 in the blog's frame, with a <title>, %s", async (_, javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    for (const path of ["/une-page-qui-n-existe-pas", "/archives/2012/06/24/un-article-qui-n-existe-pas", "/categorie/une-categorie-inconnue"]) {
      const response = await page.goto(demo(path));
      expect(response?.status(), path).toBe(404);
      expect(await page.title(), path).toBe("Page introuvable — Formation Continue du Supérieur");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page introuvable");
      expect(await page.getByRole("banner").textContent()).toContain("Formation Continue du Supérieur");
      expect(await page.getByRole("search").count()).toBe(1);
    }
    // The search of the 404 page works as a plain form.
    await page.getByRole("search").getByRole("searchbox").fill("formation");
    await page.getByRole("search").getByRole("button").click();
    await page.waitForURL(/\/recherche\?q=formation$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Recherche");
    expect(await page.locator("main").getByRole("status").textContent()).toMatch(/^\d+ articles? trouvés?$/);
    await context.close();
  });

  it("no reader page is wider than a 320 or 390 px screen", async () => {
    for (const width of [320, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const pages = await readerPages(page);
      expect(pages.length).toBeGreaterThanOrEqual(8);
      for (const url of pages) {
        await page.goto(url);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, url).toBeLessThanOrEqual(width);
      }
      await context.close();
    }
  }, 120_000);

  it("axe-core finds no serious or critical problem on the reader and administration pages", async () => {
    // axe is injected as a script of the test: the pages' own policy would (rightly) refuse it.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const reader = await readerPages(page);
    await signIn(page, rootDomain, EMAIL, PASSWORD, `/admin/${slug}/articles`);
    const admin = [`/admin/${slug}/articles`, `/admin/${slug}/articles/nouveau`, `/admin/${slug}/categories`, `/admin/${slug}/medias`, `/admin/${slug}/abonnes`].map(platform);
    const problems: string[] = [];
    for (const url of [...reader, ...admin]) {
      await page.goto(url);
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const results = await axe.run({ resultTypes: ["violations"] });
        return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
      });
      problems.push(...violations.map((violation) => `${url} — ${violation}`));
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
