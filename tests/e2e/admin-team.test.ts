import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { createBlog, openDatabase, uniqueSlug, userIdByEmail } from "../helpers/e2e-data";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const database = openDatabase(inject("databaseUrl"));

let browser: Browser;
let slug: string;
const teamPage = () => `/admin/${slug}/equipe`;

beforeAll(async () => {
  browser = await launchChromium();
  slug = uniqueSlug("ecrire-a-deux");
  await createBlog(database, { slug, title: "Écrire à deux mains", ownerId: await userIdByEmail(database) });
});
afterAll(async () => {
  await browser.close();
  database.close();
});

async function mailedVerificationLink(to: string): Promise<string> {
  const result = await database.execute({ sql: "select text_body from email_outbox where to_address = ? and kind = 'verify-address' order by id desc limit 1", args: [to] });
  const link = String(result.rows[0]?.text_body ?? "").match(/http:\/\/\S+\/compte\/verifier\?\S+/)?.[0];
  if (!link) throw new Error(`no verification link mailed to ${to}`);
  return link;
}

async function mailedLink(to: string): Promise<string> {
  const result = await database.execute({ sql: "select text_body from email_outbox where to_address = ? order by id desc limit 1", args: [to] });
  const link = String(result.rows[0]?.text_body ?? "").match(/http:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no invitation mailed to ${to}`);
  return link;
}

describe("a blog's team", () => {
  it("invites a co-author who signs up from the link, writes as an author, and is removed by the owner", async () => {
    const guestEmail = `${slug}@exemple.test`;
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, rootDomain, undefined, undefined, teamPage());
    expect(await ownerPage.locator("h1").textContent()).toBe("Équipe");
    await ownerPage.getByLabel("Son adresse e-mail").fill(guestEmail);
    await ownerPage.getByLabel("Rôle").selectOption("author");
    await ownerPage.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await ownerPage.locator("main").getByRole("status").waitFor();
    expect(await ownerPage.locator("main").getByRole("status").textContent()).toBe(`Invitation envoyée à ${guestEmail}. Le lien est valable 7 jours.`);
    await ownerPage.getByTestId("team-invitation").filter({ hasText: guestEmail }).waitFor();

    // The invited person, signed out, follows the mailed link.
    const guest = await browser.newContext();
    const guestPage = await guest.newPage();
    const link = await mailedLink(guestEmail);
    await guestPage.goto(link);
    expect(await guestPage.locator("h1").textContent()).toBe("Invitation à écrire sur « Écrire à deux mains »");
    expect(await guestPage.getByText("Hélène Marchand vous invite à rejoindre ce blog comme auteur.").count()).toBe(1);
    await guestPage.getByRole("link", { name: "Créer un compte" }).click();
    await guestPage.getByLabel("Votre nom (affiché sous vos articles)").fill("Camille Deuxmains");
    await guestPage.getByLabel("Adresse e-mail").fill(guestEmail);
    await guestPage.getByLabel("Mot de passe", { exact: true }).fill("Le-fil-de-la-couture-2026");
    await guestPage.getByRole("button", { name: "Créer mon compte" }).click();
    await guestPage.getByText(`un message vient d'être envoyé à ${guestEmail}`).waitFor();
    // The link that proves the address signs the new author in and brings them back to the invitation.
    await guestPage.goto(await mailedVerificationLink(guestEmail));
    await Promise.all([guestPage.waitForURL((url) => url.pathname.startsWith("/invitation/")), guestPage.getByRole("button", { name: "Confirmer mon adresse" }).click()]);
    await Promise.all([guestPage.waitForURL((url) => url.pathname === `/admin/${slug}/articles`), guestPage.getByRole("button", { name: "Rejoindre le blog" }).click()]);
    expect(await guestPage.locator("h1").textContent()).toBe("Articles");
    await guestPage.goto(platform("/admin"));
    const card = guestPage.getByRole("listitem").filter({ hasText: "Écrire à deux mains" });
    expect(await card.textContent()).toContain("auteur");

    // An author uses the media library but cannot open the settings or the team.
    expect((await guestPage.goto(platform(`/admin/${slug}/medias`)))?.status()).toBe(200);
    expect((await guestPage.goto(platform(`/admin/${slug}/reglages`)))?.status()).toBe(403);
    expect((await guestPage.goto(platform(teamPage())))?.status()).toBe(403);
    // The link has been used.
    await guestPage.goto(link);
    expect(await guestPage.locator("main").getByRole("alert").textContent()).toBe("Cette invitation a déjà été acceptée.");

    // The owner removes the author, after confirming.
    await ownerPage.reload();
    const member = ownerPage.getByTestId("team-member").filter({ hasText: "Camille Deuxmains" });
    expect(await member.textContent()).toContain("Auteur");
    await member.getByText("Retirer du blog…").click();
    await Promise.all([ownerPage.waitForURL((url) => url.searchParams.get("retire") === "1"), member.getByRole("button", { name: "Oui, retirer" }).click()]);
    expect(await ownerPage.locator("main").getByRole("status").textContent()).toBe("Cette personne ne fait plus partie du blog.");
    expect(await ownerPage.getByTestId("team-member").filter({ hasText: "Camille Deuxmains" }).count()).toBe(0);
    expect((await guestPage.goto(platform(`/admin/${slug}/medias`)))?.status()).toBe(403);

    await guest.close();
    await owner.close();
  });

  it("does not let the link be used by another account", async () => {
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, rootDomain, undefined, undefined, teamPage());
    const invited = `invite-${slug}@exemple.test`;
    await ownerPage.getByLabel("Son adresse e-mail").fill(invited);
    await ownerPage.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await ownerPage.locator("main").getByRole("status").waitFor();
    // The demo blogger herself opens the link: she is signed in with another address.
    await ownerPage.goto(await mailedLink(invited));
    expect(await ownerPage.locator("main").getByRole("alert").textContent()).toBe(
      `Cette invitation a été envoyée à ${invited}, mais vous êtes connecté avec demo@carnet.test. Déconnectez-vous puis connectez-vous avec l'adresse invitée pour l'accepter.`,
    );
    expect(await ownerPage.getByRole("button", { name: "Rejoindre le blog" }).count()).toBe(0);
    await owner.close();
  });

  it("does not let the last owner leave", async () => {
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, rootDomain, undefined, undefined, teamPage());
    const self = ownerPage.getByTestId("team-member").filter({ hasText: "demo@carnet.test" });
    expect(await self.textContent()).toContain("Propriétaire");
    expect(await self.getByText("Retirer du blog…").count()).toBe(0);
    await owner.close();
  });
});
