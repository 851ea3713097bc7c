import { readFileSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { signIn } from "../helpers/sign-in";
import { serveBytes, startFileServer } from "../import/file-server";

const rootDomain = inject("rootDomain");
const blogHost = (slug: string, path: string) => `http://${slug}.${rootDomain}${path}`;
const DEMO = "formation-continue";

let browser: Browser;
let site: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  browser = await launchChromium();
  const png = (color: string) => sharp({ create: { width: 60, height: 40, channels: 3, background: color } }).png().toBuffer();
  site = await startFileServer({
    "/wp-content/uploads/2019/03/semis.png": serveBytes(await png("#2f7d32"), "image/png"),
    "/wp-content/uploads/2019/03/couverture.png": serveBytes(await png("#c0392b"), "image/png"),
  });
});
afterAll(async () => {
  await browser.close();
  await site.close();
});

describe("importing a WordPress blog", () => {
  it("uploads an export, shows the progress to the end, and the old address lands on the post with its comments and images", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, `/admin/${DEMO}/importer`);
    expect(new URL(page.url()).pathname).toBe(`/admin/${DEMO}/importer`);

    const wxr = readFileSync(new URL("../import/fixtures/wordpress.xml", import.meta.url), "utf8").replaceAll("{{IMAGES}}", site.origin);
    await page.getByLabel("Fichier à importer").setInputFiles({ name: "carnets-helene.xml", mimeType: "text/xml", buffer: Buffer.from(wxr) });
    await Promise.all([page.waitForURL((url) => url.searchParams.has("envoye")), page.getByRole("button", { name: "Importer", exact: true }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("l'import commence");

    // The page reloads itself until the job is over.
    const job = page.locator("li[data-import-status]").filter({ hasText: "carnets-helene.xml" });
    await job.and(page.locator("[data-import-status=done]")).waitFor({ timeout: 90_000 });
    const progress = job.locator("progress");
    expect(await progress.getAttribute("value")).toBe(await progress.getAttribute("max"));
    expect(await job.textContent()).toContain("7 éléments sur 7");

    const reader = await context.newPage();
    const response = await reader.goto(blogHost(DEMO, "/2019/03/les-tomates-coeur-de-boeuf/"));
    expect(response?.status()).toBe(200);
    expect(new URL(reader.url()).pathname).toBe("/archives/2019/03/24/les-tomates-coeur-de-boeuf");
    const article = reader.locator("main");
    expect(await article.locator("h1").first().textContent()).toBe("Les tomates cœur-de-bœuf & leurs secrets");
    expect(await article.locator("table").count()).toBe(1);
    const image = article.locator('img[alt="Les semis en godets"]');
    expect(await image.getAttribute("src")).toMatch(/^\/medias\/[a-f0-9]{32}\.png$/);
    expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(60);
    const text = await article.textContent();
    expect(text).toContain("Quelle variété conseillez-vous pour un balcon ?");
    expect(text).toContain("La Tumbling Tom, sans hésiter.");
    expect(text).not.toContain("Achetez maintenant");

    await reader.goto(blogHost(DEMO, "/?p=123"));
    expect(new URL(reader.url()).pathname).toBe("/archives/2019/03/24/les-tomates-coeur-de-boeuf");
    await reader.goto(blogHost(DEMO, "/feed/"));
    expect(new URL(reader.url()).pathname).toBe("/flux/rss.xml");
    await context.close();
  });
});
