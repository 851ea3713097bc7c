import type { Page } from "playwright-core";

export const DEMO_EMAIL = "demo@carnet.test";
export const DEMO_PASSWORD = "carnet-demo-2026";

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, rootDomain: string, email = DEMO_EMAIL, password = DEMO_PASSWORD, returnPath = "/admin"): Promise<void> {
  await page.goto(`http://${rootDomain}/connexion?retour=${encodeURIComponent(returnPath)}`);
  const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
  await form.getByLabel("Adresse e-mail").fill(email);
  await form.getByLabel("Mot de passe", { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/connexion")), form.getByRole("button", { name: "Se connecter" }).click()]);
}

/** Fills and sends the sign-up form (the page answers with a message: the account is proved by mail). */
export async function submitSignUp(page: Page, rootDomain: string, input: { name: string; email: string; password: string }): Promise<void> {
  await page.goto(`http://${rootDomain}/inscription`);
  await page.getByLabel("Votre nom (affiché sous vos articles)").fill(input.name);
  await page.getByLabel("Adresse e-mail").fill(input.email);
  await page.getByLabel("Mot de passe").fill(input.password);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
}
