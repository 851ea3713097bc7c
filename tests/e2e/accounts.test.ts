import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { DEMO_EMAIL, signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe("signing in", () => {
  it("lets the demo blogger in and shows her blogs with their figures", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(await page.locator("h1").textContent()).toBe("Mes blogs");
    const card = page.getByRole("listitem").filter({ hasText: "Formation Continue du Supérieur" });
    expect(await card.textContent()).toContain("Abonnés49");
    await context.close();
  });

  it("refuses a wrong password with a message, keeping the address typed", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/connexion"));
    const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
    await form.getByLabel("Adresse e-mail").fill(DEMO_EMAIL);
    await form.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon-mot-de-passe");
    await form.getByRole("button", { name: "Se connecter" }).click();
    await page.locator("p[role=alert]").waitFor();
    expect(await page.locator("p[role=alert]").textContent()).toBe("Adresse e-mail ou mot de passe incorrect.");
    expect(await form.getByLabel("Adresse e-mail").inputValue()).toBe(DEMO_EMAIL);
    await context.close();
  });

  it("works without JavaScript too", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, rootDomain);
    expect(await page.locator("h1").textContent()).toBe("Mes blogs");
    await context.close();
  });

  it("sends a signed-out visitor of the administration to sign in, then back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/admin"));
    expect(new URL(page.url()).pathname).toBe("/connexion");
    expect(new URL(page.url()).searchParams.get("retour")).toBe("/admin");
    await context.close();
  });
});
