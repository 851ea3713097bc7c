import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { firstLink, latestMailTo } from "../helpers/outbox";
import { DEMO_EMAIL, DEMO_PASSWORD, signIn } from "../helpers/sign-in";

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
    // The session cookie is the platform's alone: blog addresses (and their cached pages) never see it.
    const platformCookies = await context.cookies(platform("/"));
    expect(platformCookies.find((cookie) => cookie.name === "authjs.session-token")?.domain).toBe("localhost");
    expect(await context.cookies(`http://formation-continue.${rootDomain}/`)).toEqual([]);
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

describe("signing in without a password, and forgetting it", () => {
  it("signs in with a link sent by e-mail, which works once", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/connexion"));
    const linkForm = page.getByRole("region", { name: "Sans mot de passe" });
    await linkForm.getByLabel("Adresse e-mail").fill(DEMO_EMAIL);
    await linkForm.getByRole("button", { name: "Recevoir un lien" }).click();
    await page.getByText("Si un compte correspond à cette adresse, un lien de connexion vient de lui être envoyé.").waitFor();
    const mail = await latestMailTo(inject("databaseUrl"), DEMO_EMAIL, "signin");
    expect(mail?.subject).toBe("Votre lien de connexion à Carnet");
    const link = firstLink(mail?.text ?? "");
    expect(link.startsWith(platform("/api/auth/callback/email"))).toBe(true);

    await page.goto(link);
    await page.waitForURL((url) => url.pathname === "/admin");
    expect(await page.locator("h1").textContent()).toBe("Mes blogs");

    // The same link a second time signs nobody in.
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(link);
    expect(new URL(second.url()).pathname).toBe("/connexion");
    expect(await second.textContent("main")).toContain("Ce lien de connexion n'est plus valable");
    await other.close();
    await context.close();
  });

  it("answers the same for an address without an account, and mails it an invitation instead", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/connexion"));
    const linkForm = page.getByRole("region", { name: "Sans mot de passe" });
    await linkForm.getByLabel("Adresse e-mail").fill("personne@example.org");
    await linkForm.getByRole("button", { name: "Recevoir un lien" }).click();
    await page.getByText("Si un compte correspond à cette adresse, un lien de connexion vient de lui être envoyé.").waitFor();
    const mail = await latestMailTo(inject("databaseUrl"), "personne@example.org", "signin");
    expect(mail?.subject).toBe("Connexion à Carnet");
    expect(mail?.text).not.toContain("/api/auth/callback");
    await context.close();
  });

  it("resets a forgotten password through a mailed link; the old password stops working", async () => {
    const email = "oublieuse@example.org";
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/inscription"));
    await page.getByLabel("Votre nom (affiché sous vos articles)").fill("Odile Oublieuse");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe").fill("password123");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText("Ce mot de passe est trop courant ou trop facile à deviner").waitFor();
    await page.getByLabel("Mot de passe").fill("première phrase secrète");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByText(`un message vient d'être envoyé à ${email}`).waitFor();
    await context.close();

    const forgetful = await browser.newContext();
    const reset = await forgetful.newPage();
    await reset.goto(platform("/mot-de-passe/oublie"));
    await reset.getByLabel("Adresse e-mail").fill(email);
    await reset.getByRole("button", { name: "Recevoir le lien" }).click();
    await reset.getByText("Si un compte correspond à cette adresse").waitFor();
    const link = firstLink((await latestMailTo(inject("databaseUrl"), email, "password-reset"))?.text ?? "");
    await reset.goto(link);
    await reset.getByLabel("Nouveau mot de passe").fill("seconde phrase secrète");
    await reset.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await reset.getByText("Votre mot de passe a été changé").waitFor();

    await signIn(reset, rootDomain, email, "seconde phrase secrète");
    expect(await reset.locator("h1").textContent()).toBe("Mes blogs");
    const again = await reset.goto(link);
    expect(again?.status()).toBe(200);
    expect(await reset.textContent("main")).toContain("Ce lien n'est plus valable");
    await forgetful.close();

    const old = await browser.newContext();
    const oldPage = await old.newPage();
    await oldPage.goto(platform("/connexion"));
    const form = oldPage.locator("form").filter({ has: oldPage.getByLabel("Mot de passe", { exact: true }) });
    await form.getByLabel("Adresse e-mail").fill(email);
    await form.getByLabel("Mot de passe", { exact: true }).fill("première phrase secrète");
    await form.getByRole("button", { name: "Se connecter" }).click();
    await oldPage.locator("p[role=alert]").waitFor();
    await old.close();
  });

  it("throttles repeated wrong passwords for an address", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/connexion"));
    const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
    let message = "";
    for (let attempt = 0; attempt < 10 && !message.includes("Trop de tentatives"); attempt += 1) {
      await form.getByLabel("Adresse e-mail").fill("cible@example.org");
      await form.getByLabel("Mot de passe", { exact: true }).fill(`essai-${attempt}-mauvais`);
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/connexion"),
        form.getByRole("button", { name: "Se connecter" }).click(),
      ]);
      // Back to "Se connecter" (not "Connexion…"): the answer to this attempt is on the page.
      await form.getByRole("button", { name: "Se connecter" }).waitFor();
      message = (await page.locator("p[role=alert]").textContent()) ?? "";
    }
    expect(message).toBe("Trop de tentatives de connexion : réessayez dans quelques minutes.");
    // Another address from the same client is not locked out by the first one.
    await signIn(page, rootDomain, DEMO_EMAIL, DEMO_PASSWORD);
    expect(await page.locator("h1").textContent()).toBe("Mes blogs");
    await context.close();
  });
});
