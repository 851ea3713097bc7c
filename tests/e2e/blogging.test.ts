import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { httpGet } from "../helpers/http";
import { latestMailTo } from "../helpers/outbox";
import { signIn } from "../helpers/sign-in";
import { TZDate } from "@date-fns/tz";
import sharp from "sharp";

const rootDomain = inject("rootDomain");
const platform = (path: string) => `http://${rootDomain}${path}`;
const SLUG = "carnet-de-route";
const blog = (path = "/") => `http://${SLUG}.${rootDomain}${path}`;
const EMAIL = "juliette@example.org";
const PASSWORD = "un carnet pour la route";

let browser: Browser;
let articleUrl = "";

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe("a blogger's first steps", () => {
  it("creates an account and a blog through « Créer mon blog »; the blog is live at once", async () => {
    // Somebody visited the address before the blog existed: that 404 must not stay cached.
    expect((await httpGet(blog("/"))).status).toBe(404);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(platform("/"));
    await page.getByRole("link", { name: "+ Créer mon blog" }).click();
    await page.waitForURL(platform("/creer-mon-blog"));

    await page.getByLabel("Votre nom (affiché sous vos articles)").fill("Juliette Roux");
    await page.getByLabel("Adresse e-mail").fill(EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByLabel("Titre du blog").fill("Carnet de route");
    const address = page.getByLabel("Adresse", { exact: true });
    await address.fill("www");
    await page.getByText("Cette adresse est réservée par Carnet : choisissez-en une autre.").waitFor();
    await address.fill(SLUG);
    await page.getByText("Cette adresse est libre.").waitFor();
    await page.getByRole("button", { name: "Créer mon blog" }).click();
    // The same answer as for an address that already has an account: nobody is signed in by the form.
    await page.getByText(`C'est presque fini : un message vient d'être envoyé à ${EMAIL}.`, { exact: false }).waitFor();
    expect(await latestMailTo(inject("databaseUrl"), EMAIL, "verify-address")).toMatchObject({ text: expect.stringContaining(encodeURIComponent(`/admin/${SLUG}/articles?nouveau=1`)) });
    // The new blogger may sign in with the password at once, before following the link.
    await signIn(page, rootDomain, EMAIL, PASSWORD, `/admin/${SLUG}/articles?nouveau=1`);
    await page.waitForURL((url) => url.pathname === `/admin/${SLUG}/articles`);
    // Welcomed, and told that Carnet mails nothing on the new account's behalf until its address is confirmed.
    const notices = await page.getByRole("status").allTextContents();
    expect(notices).toContain("Votre blog est en ligne ! Écrivez votre premier article.");
    expect(notices.some((text) => text.startsWith("Votre adresse e-mail n'est pas encore confirmée"))).toBe(true);

    const reader = await browser.newPage();
    const response = await reader.goto(blog("/"));
    expect(response?.status()).toBe(200);
    expect(await reader.getByRole("banner").textContent()).toContain("Carnet de route");
    expect(await reader.getByRole("main").textContent()).toContain("Ce blog n'a encore rien publié. Revenez bientôt !");
    await reader.close();
    await context.close();
  });

  it("refuses a taken address on submit and keeps what was typed", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(platform("/creer-mon-blog"));
    await page.getByLabel("Votre nom (affiché sous vos articles)").fill("Quelqu'un");
    await page.getByLabel("Adresse e-mail").fill("quelquun@example.org");
    await page.getByLabel("Mot de passe").fill("une autre phrase de passe");
    await page.getByLabel("Titre du blog").fill("Un autre carnet");
    await page.getByLabel("Adresse", { exact: true }).fill(SLUG);
    await page.getByRole("button", { name: "Créer mon blog" }).click();
    await page.getByText("Cette adresse est déjà prise : choisissez-en une autre.").waitFor();
    expect(await page.getByLabel("Titre du blog").inputValue()).toBe("Un autre carnet");
    expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe("quelquun@example.org");
    await context.close();
  });

  it("writes a post with an uploaded image, the toolbar and a new category, publishes it, and readers see it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, EMAIL, PASSWORD, `/admin/${SLUG}/medias`);
    const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#2f6b4f" } }).jpeg().toBuffer();
    const uploadForm = page.locator("form[action$='/medias/envoi']");
    await uploadForm.getByLabel("Image", { exact: true }).setInputFiles({ name: "fourviere.jpg", mimeType: "image/jpeg", buffer: photo });
    await uploadForm.getByLabel("Texte alternatif").fill("La colline de Fourvière au petit matin");
    await Promise.all([page.waitForURL((url) => url.search !== ""), page.getByRole("button", { name: "Envoyer l'image" }).click()]);

    await page.goto(platform(`/admin/${SLUG}/articles/nouveau`));
    await page.getByLabel("Titre", { exact: true }).fill("Première étape : Lyon");
    const body = page.getByLabel("Texte (Markdown)");
    await body.fill("Nous sommes partis à l’aube. « Enfin ! » dit Paul.");
    await body.press("End");
    await page.getByText("Insérer une image de la médiathèque").click();
    await page.getByRole("button", { name: "La colline de Fourvière au petit matin Insérer" }).click();
    expect(await body.inputValue()).toMatch(/!\[La colline de Fourvière au petit matin\]\(\/medias\/[^)]+\)/);
    // Select "Enfin" and make it bold with the toolbar.
    await body.evaluate((area: HTMLTextAreaElement) => {
      const start = area.value.indexOf("Enfin");
      area.setSelectionRange(start, start + "Enfin".length);
    });
    await page.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button", { name: "Gras" }).click();
    expect(await body.inputValue()).toContain("« **Enfin** ! »");
    await page.getByTestId("apercu").locator("strong", { hasText: "Enfin" }).waitFor();
    // The same from the keyboard: Ctrl+I puts « Paul » in italics.
    await body.evaluate((area: HTMLTextAreaElement) => {
      const start = area.value.indexOf("Paul");
      area.setSelectionRange(start, start + "Paul".length);
    });
    await body.press("Control+i");
    expect(await body.inputValue()).toContain("dit *Paul*.");
    await page.getByLabel("Catégorie").fill("Étapes");
    await page.getByLabel("Image de couverture").selectOption({ label: "La colline de Fourvière au petit matin" });
    await page.getByRole("button", { name: "Publier maintenant" }).click();
    await page.waitForURL((url) => /\/admin\/carnet-de-route\/articles\/\d+$/.test(url.pathname));
    articleUrl = (await page.getByRole("link", { name: "Voir l'article ↗" }).getAttribute("href")) ?? "";
    const today = new TZDate(Date.now(), "Europe/Paris");
    const pad = (n: number) => String(n).padStart(2, "0");
    expect(articleUrl).toBe(blog(`/archives/${today.getFullYear()}/${pad(today.getMonth() + 1)}/${pad(today.getDate())}/premiere-etape-lyon`));
    await context.close();

    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    await readerPage.goto(articleUrl);
    expect(await readerPage.locator("h1").textContent()).toBe("Première étape : Lyon");
    expect(await readerPage.getByRole("article").locator("strong").textContent()).toBe("Enfin");
    // Once as the cover, once where it was inserted in the text.
    const images = readerPage.getByRole("article").getByRole("img", { name: "La colline de Fourvière au petit matin" });
    expect(await images.evaluateAll((all: HTMLImageElement[]) => all.map((img) => img.complete && img.naturalWidth === 800))).toEqual([true, true]);
    expect(await readerPage.getByRole("article").textContent()).toContain("Par Juliette Roux");
    await readerPage.goto(blog("/"));
    expect(await readerPage.getByRole("main").getByRole("link", { name: "Première étape : Lyon", exact: true }).count()).toBe(1);
    expect(await readerPage.getByRole("complementary").getByRole("link", { name: "Étapes" }).count()).toBe(1);
    await reader.close();
  });

  it("« Editer l'article » leads through sign-in to the editor; the new title is public at once", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(articleUrl);
    await page.getByRole("link", { name: "Editer l'article" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");
    const form = page.locator("form").filter({ has: page.getByLabel("Mot de passe", { exact: true }) });
    await form.getByLabel("Adresse e-mail").fill(EMAIL);
    await form.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await form.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => /\/admin\/carnet-de-route\/articles\/\d+$/.test(url.pathname));
    await page.getByLabel("Titre", { exact: true }).fill("Première étape : Lyon sous la pluie");
    await page.getByRole("button", { name: "Mettre à jour" }).click();
    await page.getByText("Article mis à jour.").waitFor();
    await context.close();

    const reader = await browser.newPage();
    await reader.goto(articleUrl);
    expect(await reader.locator("h1").textContent()).toBe("Première étape : Lyon sous la pluie");
    await reader.goto(blog("/"));
    expect(await reader.getByRole("main").textContent()).toContain("Première étape : Lyon sous la pluie");
    await reader.close();
  });

  it("shows a clear refusal to a signed-in person who is not a member of the blog", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain);
    await page.goto(articleUrl);
    await page.getByRole("link", { name: "Editer l'article" }).click();
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    expect(await page.textContent("main")).toContain("Vous n'êtes pas membre de ce blog");
    const response = await page.reload();
    expect(response?.status()).toBe(403);
    await context.close();
  });

  it("publishes a post scheduled a minute ahead at its time, with no one doing anything", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, EMAIL, PASSWORD, `/admin/${SLUG}/articles/nouveau`);
    const inAMinute = new TZDate(Date.now() + 60_000, "Europe/Paris");
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = `${inAMinute.getFullYear()}-${pad(inAMinute.getMonth() + 1)}-${pad(inAMinute.getDate())}T${pad(inAMinute.getHours())}:${pad(inAMinute.getMinutes())}`;
    await page.getByLabel("Titre", { exact: true }).fill("Deuxième étape : Valence");
    await page.getByLabel("Texte (Markdown)").fill("Arrivée prévue en fin de matinée.");
    await page.getByLabel(/Date et heure de publication/).fill(local);
    await page.getByRole("button", { name: "Programmer" }).click();
    await page.waitForURL((url) => /\/admin\/carnet-de-route\/articles\/\d+$/.test(url.pathname));
    await context.close();

    expect((await httpGet(blog("/"))).body).not.toContain("Deuxième étape : Valence");
    const deadline = Date.now() + 150_000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      shown = (await httpGet(blog("/"))).body.includes("Deuxième étape : Valence");
    }
    expect(shown).toBe(true);
  }, 180_000);
});
