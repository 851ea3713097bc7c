import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";
import { readZip } from "../helpers/zip";

const rootDomain = inject("rootDomain");
const database = openDatabase(inject("databaseUrl"));
const PASSWORD = "partir avec tout son carnet";

let browser: Browser;
let slug: string;
let email: string;
const blogPage = (path = "/") => `http://${slug}.${rootDomain}${path}`;
const postPath = "/archives/2019/03/14/le-dernier-voyage";

beforeAll(async () => {
  browser = await launchChromium();
  slug = uniqueSlug("depart");
  email = `${slug}@exemple.test`;
  const ownerId = await createAccount(database, { name: "Rose Départ", email, password: PASSWORD });
  const blogId = await createBlog(database, { slug, title: "Carnet du départ", ownerId });
  const at = Date.UTC(2019, 2, 14, 10);
  await database.execute({
    sql: `insert into post (blog_id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at)
          values (?, ?, 'le-dernier-voyage', 'Le dernier voyage', 'Un dernier **tour** de la Bretagne.', '<p>Un dernier <strong>tour</strong> de la Bretagne.</p>', 'Un dernier tour de la Bretagne.', 'published', ?, ?, ?)`,
    args: [blogId, ownerId, at, at, at],
  });
  await database.execute({ sql: "insert into newsletter_subscriber (blog_id, email, status, created_at, confirmed_at) values (?, ?, 'confirmed', ?, ?)", args: [blogId, `lectrice-${slug}@exemple.test`, at, at] });
});
afterAll(async () => {
  await browser.close();
  database.close();
});

describe("leaving with everything", () => {
  it("downloads « Exporter mon blog » as a zip holding the post, in WXR and in Markdown", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, rootDomain, email, PASSWORD, `/admin/${slug}/reglages`);
    await page.getByRole("link", { name: "Exporter mon blog" }).click();
    await page.waitForURL((url) => url.pathname === `/admin/${slug}/exporter`);
    expect(await page.locator("h1").textContent()).toBe("Exporter mon blog");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger l'export (zip)" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^carnet-${slug}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const entries = await readZip(await readFile((await download.path())!));
    expect(entries.get("wordpress.xml")?.bytes.toString("utf8")).toContain("<title>Le dernier voyage</title>");
    expect(entries.get("articles/le-dernier-voyage.md")?.bytes.toString("utf8")).toContain("Un dernier **tour** de la Bretagne.");
    expect(entries.get("abonnes.csv")?.bytes.toString("utf8")).toContain(`lectrice-${slug}@exemple.test`);
    await context.close();
  });

  it("deletes the blog once its address is typed: its pages answer 404 and « Créer mon blog » refuses the address", async () => {
    expect((await httpGet(blogPage(postPath))).status).toBe(200);
    expect((await httpGet(blogPage("/"))).status).toBe(200);

    // Without JavaScript, as every form of Carnet must work.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, rootDomain, email, PASSWORD, `/admin/${slug}/supprimer`);
    expect(await page.locator("h1").textContent()).toBe("Supprimer le blog « Carnet du départ »");
    expect(await page.getByText("Son abonné confirmé recevra un dernier e-mail annonçant la fermeture du blog.").count()).toBe(1);
    const address = `${slug}.${rootDomain}`;
    const field = page.getByLabel(/Pour confirmer, tapez l'adresse du blog/);
    await field.fill("un-autre-blog");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Supprimer définitivement ce blog" }).click()]);
    await page.getByText(/L'adresse tapée ne correspond pas/).waitFor();
    expect((await httpGet(blogPage("/"))).status).toBe(200);

    await page.getByLabel(/Pour confirmer, tapez l'adresse du blog/).fill(address);
    await Promise.all([page.waitForURL((url) => url.pathname === "/admin"), page.getByRole("button", { name: "Supprimer définitivement ce blog" }).click()]);
    expect(await page.getByRole("status").textContent()).toBe("Le blog a été supprimé. Ses abonnés sont prévenus, et son adresse reste réservée 30 jours.");
    expect(await page.getByRole("link", { name: "Carnet du départ" }).count()).toBe(0);

    expect((await httpGet(blogPage("/"))).status).toBe(404);
    expect((await httpGet(blogPage(postPath))).status).toBe(404);
    const farewell = await database.execute({ sql: "select subject from email_outbox where kind = 'blog-closed' and to_address = ?", args: [`lectrice-${slug}@exemple.test`] });
    expect(farewell.rows.map((row) => row.subject)).toEqual(["« Carnet du départ » ferme"]);
    await context.close();

    const creator = await browser.newContext();
    const creatorPage = await creator.newPage();
    await signIn(creatorPage, rootDomain, email, PASSWORD, "/creer-mon-blog");
    await creatorPage.getByLabel("Adresse", { exact: true }).fill(slug);
    await creatorPage.getByText("Cette adresse appartenait à un blog supprimé il y a moins de 30 jours : elle n'est pas encore libre. Choisissez-en une autre.").waitFor();
    await creator.close();
  });
});
