import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { launchChromium, type Browser } from "../helpers/browser";
import { createBlog, openDatabase, uniqueSlug, userIdByEmail } from "../helpers/e2e-data";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const database = openDatabase(inject("databaseUrl"));

let browser: Browser;
let slug: string;
const blogHome = () => `http://${slug}.${rootDomain}/`;
const settingsPage = () => `/admin/${slug}/reglages`;

beforeAll(async () => {
  browser = await launchChromium();
  // The demo blogger's own second blog: the demo blog's title and colours stay as other journeys expect them.
  slug = uniqueSlug("atelier");
  await createBlog(database, { slug, title: "L'atelier du mercredi", description: "Couture et reprises.", ownerId: await userIdByEmail(database) });
});
afterAll(async () => {
  await browser.close();
  database.close();
});

const accentOf = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>("[style*='--accent']")?.style.getPropertyValue("--accent"));

describe("a blog's settings", () => {
  it("changes the title, colour, language and sidebar, and the blog's pages show it straight away", async () => {
    const reader = await browser.newPage();
    await reader.goto(blogHome());
    expect(await reader.locator("header p").first().textContent()).toBe("L'atelier du mercredi");
    expect(await accentOf(reader)).toBe("#8a3b12");
    expect(await reader.locator("#visiteurs").count()).toBe(1);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, settingsPage());
    expect(await page.locator("h1").textContent()).toBe("Réglages");
    await page.getByLabel("Titre du blog").fill("The Wednesday Workshop");
    await page.getByLabel("Langue du blog").selectOption("en");
    await page.getByLabel("Couleur d'accent").fill("#1e7a46");
    await page.getByLabel("Compteur de visites").uncheck();
    await page.getByLabel("Je valide chaque commentaire avant sa publication").check();
    await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
    await page.locator("main").getByRole("status").waitFor();
    // The administration of the blog now speaks English, starting with the confirmation.
    expect(await page.locator("main").getByRole("status").textContent()).toBe("Settings saved: your blog is up to date.");
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Settings");
    expect(await page.title()).toBe("Settings — Carnet");
    expect(await page.getByLabel("Blog title").inputValue()).toBe("The Wednesday Workshop");

    await reader.goto(blogHome());
    expect(await reader.locator("header p").first().textContent()).toBe("The Wednesday Workshop");
    expect(await reader.getAttribute("html", "lang")).toBe("en");
    expect(await accentOf(reader)).toBe("#1e7a46");
    expect(await reader.locator("#visiteurs").count()).toBe(0);

    const saved = await database.execute({ sql: "select settings from blog where slug = ?", args: [slug] });
    expect(JSON.parse(String(saved.rows[0]?.settings))).toMatchObject({ moderation: "all", accentColor: "#1e7a46" });
    await reader.close();
    await context.close();
  });

  it("answers an empty title next to the field, in the blog's new language, keeps the rest as typed and changes nothing (without JavaScript)", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, settingsPage());
    const before = await database.execute({ sql: "select title, description from blog where slug = ?", args: [slug] });
    await page.getByLabel("Blog title").fill("  ");
    await page.getByLabel("Description").fill("Une description toute neuve");
    await page.getByRole("button", { name: "Save the settings" }).click();
    await page.locator("main").getByRole("alert").waitFor();
    expect(await page.locator("main").getByRole("alert").textContent()).toBe("Fix the fields marked below and try again.");
    expect(await page.locator("#champ-title-erreur").textContent()).toBe("This field is required.");
    expect(await page.getByLabel("Description").inputValue()).toBe("Une description toute neuve");
    const after = await database.execute({ sql: "select title, description from blog where slug = ?", args: [slug] });
    expect(after.rows).toEqual(before.rows);
    await context.close();
  });

  it("keeps what was typed when the session has expired, and says so in the blog's language", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, settingsPage());
    await context.clearCookies();
    await page.getByLabel("Blog title").fill("Un titre tapé trop tard");
    await page.getByRole("button", { name: "Save the settings" }).click();
    await page.locator("main").getByRole("alert").waitFor();
    expect(await page.locator("main").getByRole("alert").textContent()).toBe("Your session has expired: sign in again, what you typed is kept.");
    expect(await page.getByLabel("Blog title").inputValue()).toBe("Un titre tapé trop tard");
    await context.close();
  });

  it("is closed to a blogger who is not a member of the blog", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain);
    const stranger = uniqueSlug("interdit");
    const ownerId = await database.execute({ sql: "insert into user (id, name, email, created_at) values (lower(hex(randomblob(16))), 'Quelqu''un', ?, ?) returning id", args: [`${stranger}@exemple.test`, Date.now()] });
    await createBlog(database, { slug: stranger, title: "Pas à vous", ownerId: String(ownerId.rows[0]?.id) });
    const response = await page.goto(platform(`/admin/${stranger}/reglages`));
    expect(response?.status()).toBe(403);
    expect(await page.locator("h1").textContent()).toBe("Accès refusé");
    await context.close();
  });
});
