import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";
import type { BrowserContext, Page } from "playwright-core";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const blogHost = (slug: string, path: string) => `http://${slug}.${rootDomain}${path}`;
const DEMO = "formation-continue";

let browser: Browser;
let otherBlog: string;
const database = openDatabase(inject("databaseUrl"));

beforeAll(async () => {
  browser = await launchChromium();
  // A second blog, of another blogger, for requests with forged identifiers.
  const stranger = await createAccount(database, { name: "Gaston Voisin", email: "gaston.voisin@exemple.test", password: "Un-voisin-discret-2026" });
  otherBlog = uniqueSlug("voisinage");
  await createBlog(database, { slug: otherBlog, title: "Le blog du voisin", ownerId: stranger });
});
afterAll(async () => {
  await browser.close();
  database.close();
});

async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, rootDomain, undefined, undefined, `/admin/${DEMO}/medias`);
  return { context, page };
}

const uploadForm = (page: Page) => page.locator("form[action$='/medias/envoi']");
const fileField = (page: Page) => uploadForm(page).getByLabel("Image", { exact: true });
const altField = (page: Page) => uploadForm(page).getByLabel("Texte alternatif");
const fieldError = (page: Page) => page.locator("#champ-fichier-erreur");

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, alt: string) {
  await fileField(page).setInputFiles(file);
  await altField(page).fill(alt);
  await Promise.all([page.waitForURL((url) => url.pathname === `/admin/${DEMO}/medias` && url.search !== ""), page.getByRole("button", { name: "Envoyer l'image" }).click()]);
}

describe("the media library", () => {
  it("uploads a large PNG, scales it down and serves it from the blog's own address with lasting cache headers", async () => {
    const { context, page } = await signedIn();
    expect(new URL(page.url()).pathname).toBe(`/admin/${DEMO}/medias`);
    const png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: "#1d6fa5" } }).png().toBuffer();
    await upload(page, { name: "vue-du-campus.png", mimeType: "image/png", buffer: png }, "Le campus vu du ciel");
    expect(await page.locator("main").getByRole("status").textContent()).toBe("L'image a été ajoutée à vos médias.");

    const card = page.locator("li[id^=media-]").filter({ hasText: "![Le campus vu du ciel](" });
    expect(await card.textContent()).toContain("1600 × 800 px");
    const markdown = await card.getByTestId("media-markdown").textContent();
    const path = markdown?.match(/\((\/medias\/[a-f0-9]{32}\.webp)\)/)?.[1];
    expect(path).toBeDefined();

    const served = await page.goto(blogHost(DEMO, path!));
    expect(served?.status()).toBe(200);
    const headers = served!.headers();
    expect(headers["content-type"]).toBe("image/webp");
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const image = await sharp(await served!.body()).metadata();
    expect([image.format, image.width, image.height]).toEqual(["webp", 1600, 800]);

    // Another blog's host does not serve it, nor does a made-up key.
    expect((await httpGet(blogHost(otherBlog, path!))).status).toBe(404);
    expect((await httpGet(blogHost(DEMO, "/medias/0123456789abcdef0123456789abcdef.png"))).status).toBe(404);
    await context.close();
  });

  it("refuses an SVG with a French message next to the field, keeping the alt text typed (without JavaScript)", async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert("coucou")</script></svg>');
    await upload(page, { name: "logo.png", mimeType: "image/png", buffer: svg }, "Le logo du service");
    expect(await fieldError(page).textContent()).toBe(
      "Les images SVG ne sont pas acceptées (elles peuvent contenir du code) : enregistrez-la en PNG puis envoyez-la.",
    );
    expect(await altField(page).inputValue()).toBe("Le logo du service");
    await context.close();
  });

  it("refuses a file over 8 MB: in the browser before sending, and on the server without JavaScript", async () => {
    const heavy = { name: "scan.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(9 * 1024 * 1024, 0xff) };
    const message = "Ce fichier est trop lourd : 8 Mo au plus.";

    const withScript = await signedIn();
    await fileField(withScript.page).setInputFiles(heavy);
    await withScript.page.getByRole("button", { name: "Envoyer l'image" }).click();
    expect(await fieldError(withScript.page).textContent()).toBe(message);
    expect(new URL(withScript.page.url()).search).toBe("");
    await withScript.context.close();

    const withoutScript = await signedIn({ javaScriptEnabled: false });
    await upload(withoutScript.page, heavy, "Un scan trop lourd");
    expect(await fieldError(withoutScript.page).textContent()).toBe(message);
    expect(await altField(withoutScript.page).inputValue()).toBe("Un scan trop lourd");
    await withoutScript.context.close();
  });

  it("refuses a text file named like an image", async () => {
    const { context, page } = await signedIn();
    await upload(page, { name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("Ceci n'est pas une photo.") }, "");
    expect(await fieldError(page).textContent()).toBe("Ce fichier n'est pas une image JPEG, PNG, WebP ou GIF.");
    await context.close();
  });

  it("sends a blogger whose session expired to sign in, saying so", async () => {
    const { context, page } = await signedIn();
    await context.clearCookies();
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000000" } }).png().toBuffer();
    await fileField(page).setInputFiles({ name: "point.png", mimeType: "image/png", buffer: png });
    await Promise.all([page.waitForURL((url) => url.pathname === "/connexion"), page.getByRole("button", { name: "Envoyer l'image" }).click()]);
    expect(new URL(page.url()).searchParams.get("retour")).toBe(`/admin/${DEMO}/medias`);
    expect(await page.locator("main").getByRole("alert").textContent()).toBe("Votre session a expiré : reconnectez-vous pour continuer.");
    await context.close();
  });

  it("refuses an upload into a blog the blogger does not belong to, and a post from another site", async () => {
    const { context, page } = await signedIn();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#aa0000" } }).png().toBuffer();
    const multipart = { fichier: { name: "intrus.png", mimeType: "image/png", buffer: png }, alt: "intrus" };
    const forged = await page.request.post(platform(`/admin/${otherBlog}/medias/envoi`), { multipart, headers: { Origin: platform("") }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const crossSite = await page.request.post(platform(`/admin/${DEMO}/medias/envoi`), { multipart, headers: { Origin: "http://pirate.example" }, maxRedirects: 0 });
    expect(crossSite.status()).toBe(403);
    const count = await database.execute({ sql: "select count(*) as n from media where alt = 'intrus'", args: [] });
    expect(Number(count.rows[0]?.n)).toBe(0);
    // Nor may the blogger open the other blog's library.
    const response = await page.goto(platform(`/admin/${otherBlog}/medias`));
    expect(response?.status()).toBe(403);
    await context.close();
  });

  it("changes the alt text and deletes an image after confirming, without JavaScript", async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    const gif = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#e67e22" } }).gif().toBuffer();
    await upload(page, { name: "orange.gif", mimeType: "image/gif", buffer: gif }, "Carré orange");
    const card = page.locator("li[id^=media-]").filter({ hasText: "![Carré orange](" });
    const path = (await card.getByTestId("media-markdown").textContent())?.match(/\((\/medias\/[^)]+)\)/)?.[1];
    expect(path).toMatch(/\.gif$/);

    await card.getByLabel("Texte alternatif").fill("Un carré orange sur fond blanc");
    await card.getByRole("button", { name: "Enregistrer le texte" }).click();
    await page.getByText("Texte alternatif enregistré.").waitFor();
    const renamed = page.locator("li[id^=media-]").filter({ hasText: "![Un carré orange sur fond blanc](" });
    expect(await renamed.count()).toBe(1);

    await renamed.getByRole("link", { name: "Supprimer…" }).click();
    expect(await page.locator("h1").textContent()).toBe("Supprimer cette image ?");
    expect(await page.getByText("Aucun article ne l'utilise.").count()).toBe(1);
    await page.getByRole("button", { name: "Supprimer définitivement" }).click();
    await page.waitForURL((url) => url.searchParams.get("supprime") === "1");
    expect(await page.locator("main").getByRole("status").textContent()).toBe("L'image a été supprimée.");
    expect(await page.locator("li[id^=media-]").filter({ hasText: "Un carré orange sur fond blanc" }).count()).toBe(0);
    expect((await httpGet(blogHost(DEMO, path!))).status).toBe(404);
    await context.close();
  });
});
