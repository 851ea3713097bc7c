import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const SLUG = uniqueSlug("cahier-de-bord");
const blog = (path = "/") => `http://${SLUG}.${rootDomain}${path}`;
const EMAIL = `${SLUG}@example.org`;
const PASSWORD = "une politique de contenu stricte";
const DEMO_ARTICLE = "http://formation-continue." + rootDomain + "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";

let browser: Browser;
let articleUrl = "";

beforeAll(async () => {
  browser = await launchChromium();
  const database = openDatabase(inject("databaseUrl"));
  const ownerId = await createAccount(database, { name: "Maëlle Garnier", email: EMAIL, password: PASSWORD });
  await createBlog(database, { slug: SLUG, title: "Cahier de bord", ownerId });
  database.close();
});
afterAll(async () => {
  await browser.close();
});

/** Every console message of the page in which Chromium says it refused something under the Content-Security-Policy. */
function collectRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return refusals;
}

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>) {
  const policy = String(headers["content-security-policy"]);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]) expect(policy).toContain(directive);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The test server runs with PUBLIC_PROTOCOL=http: no HSTS there.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

describe("security headers", () => {
  it("are sent with a cached reader article, the platform's home and an administration page", async () => {
    const article = await httpGet(DEMO_ARTICLE);
    expect(article.status).toBe(200);
    expectSecurityHeaders(article.headers);
    // Served from the cache a second time, with the same headers.
    const again = await httpGet(DEMO_ARTICLE);
    expect(again.headers["x-nextjs-cache"]).toMatch(/HIT|STALE/);
    expectSecurityHeaders(again.headers);

    const home = await httpGet(platform("/"));
    expect(home.status).toBe(200);
    expectSecurityHeaders(home.headers);

    // Signed out, /admin sends to the sign-in page; the answer still carries the headers.
    const admin = await httpGet(platform("/admin"));
    expectSecurityHeaders(admin.headers);
    expect(String(admin.headers["content-security-policy"])).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  });

  it("lets the administration's editor run with a per-request nonce, without a single refusal", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refusals = collectRefusals(page);
    await signIn(page, rootDomain, EMAIL, PASSWORD, `/admin/${SLUG}/articles/nouveau`);
    await page.getByLabel("Titre", { exact: true }).fill("Une tentative de script");
    await page
      .getByLabel("Texte (Markdown)")
      .fill('Avant le script.\n\n<script>window.__carnetPirate = true</script>\n\n<img src="x" onerror="window.__carnetPirate = true">\n\nAprès le script.');
    // The live preview is rendered by the server and shown by the editor's scripts: they run.
    await page.getByTestId("apercu").getByText("Après le script.").waitFor();
    await page.getByRole("button", { name: "Publier maintenant" }).click();
    await page.waitForURL((url) => /\/articles\/\d+$/.test(url.pathname));
    articleUrl = (await page.getByRole("link", { name: "Voir l'article ↗" }).getAttribute("href")) ?? "";
    expect(articleUrl.startsWith(blog("/archives/"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __carnetPirate?: boolean }).__carnetPirate)).toBeUndefined();
    expect(refusals).toEqual([]);
    await context.close();
  });

  it("renders a post that tried to carry a script, without running it and without a refusal", async () => {
    const page = await browser.newPage();
    const refusals = collectRefusals(page);
    const response = await page.goto(articleUrl);
    expect(response?.status()).toBe(200);
    expectSecurityHeaders(response?.headers() ?? {});
    const article = page.getByRole("article");
    expect(await article.textContent()).toContain("Après le script.");
    expect(await article.locator("script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __carnetPirate?: boolean }).__carnetPirate)).toBeUndefined();
    // The view beacon, an inline script of a pre-rendered page, ran: it is allowed.
    await page.waitForLoadState("networkidle");
    expect(refusals).toEqual([]);
    await page.close();
  });

  it("lets a normal reader page with its forms and beacon run without a refusal", async () => {
    const page = await browser.newPage();
    const refusals = collectRefusals(page);
    const beacon = page.waitForRequest((request) => request.url().endsWith("/api/beacon") && request.method() === "POST");
    await page.goto(DEMO_ARTICLE);
    await beacon;
    await page.waitForLoadState("networkidle");
    expect(refusals).toEqual([]);
    await page.close();
  });
});
