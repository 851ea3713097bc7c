import { randomUUID } from "node:crypto";
import { createClient, type Client } from "@libsql/client";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { httpGet, httpRequest } from "../helpers/http";
import { readMailbox, waitForMail } from "../helpers/mailbox";
import { signIn } from "../helpers/sign-in";
import type { BrowserContext, Page } from "playwright-core";

const rootDomain = inject("rootDomain");
const mailDir = inject("mailDir");
const platform = (path: string) => `http://${rootDomain}${path}`;
const blog = (path = "/") => `http://formation-continue.${rootDomain}${path}`;
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const QUEUE = "/admin/formation-continue/commentaires";
const HELD = "Merci ! Votre commentaire a bien été reçu : il sera publié dès que l'auteur du blog l'aura validé.";
const PUBLISHED = "Merci ! Votre commentaire est publié.";

let browser: Browser;
let database: Client;
let readerNumber = 0;

beforeAll(async () => {
  browser = await launchChromium();
  database = createClient({ url: inject("databaseUrl") });
});

afterAll(async () => {
  database.close();
  await browser.close();
});

/** A reader of their own (their own address, as a proxy in front of Carnet reports it): rate limits are per client. */
function readerContext(options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
  readerNumber += 1;
  return browser.newContext({ ...options, extraHTTPHeaders: { "X-Forwarded-For": `203.0.113.${readerNumber}` } });
}

async function commentRow(body: string) {
  const result = await database.execute({ sql: "select id, status, held_reason, parent_id, author_user_id from comment where body = ?", args: [body] });
  return result.rows[0];
}

async function approvedCount(): Promise<number> {
  const result = await database.execute({
    sql: "select count(*) as n from comment c join post p on p.id = c.post_id where p.slug = ? and c.status = 'approved'",
    args: ["reseaux-sociaux-entreprise-formation"],
  });
  return Number(result.rows[0]?.n);
}

function mainForm(page: Page) {
  return page.locator("#commentaire-formulaire form");
}

async function fillComment(form: ReturnType<typeof mainForm>, fields: { name: string; email: string; website?: string; body: string }) {
  await form.getByLabel("Nom", { exact: true }).fill(fields.name);
  await form.getByLabel("E-mail (jamais affiché)", { exact: true }).fill(fields.email);
  if (fields.website) await form.getByLabel("Site web (facultatif)", { exact: true }).fill(fields.website);
  await form.getByLabel("Commentaire", { exact: true }).fill(fields.body);
}

/** Posts a comment without JavaScript: a plain form post, the article comes back with the message. */
async function postWithoutJavaScript(body: string, name = "Claire Dubois"): Promise<Page> {
  const context = await readerContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(blog(ARTICLE));
  const form = mainForm(page);
  await fillComment(form, { name, email: `${randomUUID()}@example.org`, body });
  await Promise.all([page.waitForLoadState("load"), page.waitForURL(() => true), form.getByRole("button", { name: "Publier le commentaire" }).click()]);
  await page.locator("#commentaire-formulaire [role=status]").waitFor();
  return page;
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
let bloggerSession: StorageState | undefined;

/** The demo blogger on her comments queue; she signs in once for the whole file (sign-ins are throttled). */
async function bloggerPage(javaScriptEnabled = true): Promise<Page> {
  if (!bloggerSession) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), rootDomain, undefined, undefined, QUEUE);
    bloggerSession = await context.storageState();
    await context.close();
  }
  const page = await (await browser.newContext({ storageState: bloggerSession, javaScriptEnabled })).newPage();
  await page.goto(platform(QUEUE));
  return page;
}

describe("commenting on an article", () => {
  it("works without JavaScript: a plain post, back to the article with the message, the comment held and the blogger told", async () => {
    const body = `Sans JavaScript, je commente quand même. ${randomUUID()}`;
    const page = await postWithoutJavaScript(body);
    expect(new URL(page.url()).pathname).toBe(ARTICLE);
    expect(await page.locator("#commentaire-formulaire [role=status]").textContent()).toBe(HELD);
    // Who wrote is kept for a next comment; the comment itself is not.
    expect(await mainForm(page).getByLabel("Nom", { exact: true }).inputValue()).toBe("Claire Dubois");
    expect(await mainForm(page).getByLabel("Commentaire", { exact: true }).inputValue()).toBe("");

    const row = await commentRow(body);
    expect(row?.status).toBe("pending");
    expect(row?.held_reason).toBe("no-timing");
    const mail = await database.execute({ sql: "select to_address, subject, text_body from email_outbox where key = ?", args: [`comment-held:${row?.id}`] });
    expect(mail.rows[0]?.to_address).toBe("demo@carnet.test");
    expect(mail.rows[0]?.subject).toBe("Commentaire à valider sur « Les réseaux sociaux d’entreprise au service de la formation »");
    expect(mail.rows[0]?.text_body).toContain(body);
    expect(mail.rows[0]?.text_body).toContain(platform(QUEUE));

    // Readers do not see it.
    const article = await httpGet(blog(ARTICLE));
    expect(article.status).toBe(200);
    expect(article.body).not.toContain(body);
    await page.context().close();
  });

  it("keeps what was typed and says what to fix, next to the field, in the page's language", async () => {
    const context = await readerContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(blog(ARTICLE));
    const form = mainForm(page);
    await fillComment(form, { name: "x".repeat(80), email: "pas-une-adresse", body: "Mon avis, à garder." });
    await form.getByLabel("Nom", { exact: true }).evaluate((input: HTMLInputElement) => {
      input.removeAttribute("maxlength");
      input.value = "y".repeat(81);
    });
    await Promise.all([page.waitForURL(() => true), form.getByRole("button", { name: "Publier le commentaire" }).click()]);
    const again = mainForm(page);
    await again.locator("[role=alert]").waitFor();
    expect(await again.locator("#commentaire-name-erreur").textContent()).toBe("C'est trop long : 80 caractères au plus.");
    expect(await again.locator("#commentaire-email-erreur").textContent()).toBe("Cette adresse e-mail n'est pas valide.");
    expect(await again.getByLabel("E-mail (jamais affiché)", { exact: true }).inputValue()).toBe("pas-une-adresse");
    expect(await again.getByLabel("Commentaire", { exact: true }).inputValue()).toBe("Mon avis, à garder.");
    await context.close();
  });

  it("works with JavaScript: no reload, a pending state, and the returning reader's comment shown in place, inert", async () => {
    const context = await readerContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto(blog(ARTICLE));
    await page.evaluate(() => Object.assign(window, { pasRecharge: true }));
    const marker = randomUUID();
    const body = `Je reviens avec un test <img src=x onerror="window.pirate=1"> et un lien https://exemple.fr/formation?a=1&b=2 (${marker})`;
    const form = mainForm(page);
    // Marc L. has an approved comment on this blog: with a fill token and no other catch, he is published at once.
    await fillComment(form, { name: "Marc L.", email: "marc.l@example.org", website: "marc.exemple.fr", body });
    await page.waitForTimeout(3_200);
    // Slow the action's answer down a little, to see the pending state.
    await page.route(blog(ARTICLE), async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await form.getByRole("button", { name: "Publier le commentaire" }).click();
    const pending = form.getByRole("button", { name: "Envoi…" });
    await pending.waitFor();
    expect(await pending.isDisabled()).toBe(true);
    await form.locator("[role=status]").waitFor();
    expect(await form.locator("[role=status]").textContent()).toBe(PUBLISHED);

    const comments = page.getByRole("region", { name: "Commentaires" });
    const shown = comments.getByRole("article").filter({ hasText: marker });
    await shown.waitFor();
    expect(await page.evaluate(() => (window as unknown as { pasRecharge?: boolean }).pasRecharge)).toBe(true);
    expect(await shown.locator("p[dir=auto]").textContent()).toBe(body);
    expect(await shown.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pirate?: number }).pirate)).toBeUndefined();
    const links = shown.locator("a[rel]");
    expect(await links.evaluateAll((anchors) => anchors.map((a) => [a.getAttribute("href"), a.getAttribute("rel"), a.textContent]))).toEqual([
      ["https://marc.exemple.fr", "nofollow ugc noopener", "Marc L."],
      ["https://exemple.fr/formation?a=1&b=2", "nofollow ugc noopener", "https://exemple.fr/formation?a=1&b=2"],
    ]);
    expect((await commentRow(body))?.status).toBe("approved");

    // The cached page was rebuilt with it, and stays a cached page.
    const first = await httpGet(blog(ARTICLE));
    expect(first.body).toContain(marker);
    const second = await httpGet(blog(ARTICLE));
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
    expect(second.body).toContain(marker);
    // And the month's listing counts it.
    const listing = await httpGet(blog("/archives/2012/06"));
    expect(listing.body).toContain(`${await approvedCount()} commentaires`);
    await context.close();
  });
});

describe("moderating", () => {
  it("shows a held comment in the queue but not to readers; approving it puts it on the cached article page", async () => {
    const body = `Un avis qui attend la modération. ${randomUUID()}`;
    const reader = await postWithoutJavaScript(body, "Nadia Benali");
    await reader.context().close();
    const before = await approvedCount();
    expect((await httpGet(blog(ARTICLE))).body).not.toContain(body);

    const page = await bloggerPage();
    expect(new URL(page.url()).pathname).toBe(QUEUE);
    const tabs = page.getByRole("navigation", { name: "Statut des commentaires" });
    expect(await tabs.getByRole("link", { name: /^En attente \(\d+\)$/ }).getAttribute("aria-current")).toBe("page");
    const item = page.getByRole("article").filter({ hasText: body });
    expect(await item.textContent()).toContain("sur « Les réseaux sociaux d’entreprise au service de la formation »");
    expect(await item.textContent()).toContain("Retenu : envoyé sans JavaScript");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("fait") === "approve"), item.getByRole("button", { name: "Approuver" }).click()]);
    expect(await page.getByRole("status").textContent()).toBe("1 commentaire approuvé.");
    expect(await page.getByRole("article").filter({ hasText: body }).count()).toBe(0);

    const first = await httpGet(blog(ARTICLE));
    expect(first.body).toContain(body);
    const second = await httpGet(blog(ARTICLE));
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
    expect(second.body).toContain(body);
    expect(await approvedCount()).toBe(before + 1);
    expect((await httpGet(blog("/archives/2012/06"))).body).toContain(`${before + 1} commentaires`);
    await page.context().close();
  });

  it("acts on a selection, and lets a false positive come back from spam", async () => {
    const bodies = [`Premier d'une paire. ${randomUUID()}`, `Second d'une paire. ${randomUUID()}`];
    for (const body of bodies) await (await postWithoutJavaScript(body, "Paul Girard")).context().close();
    const page = await bloggerPage();
    for (const body of bodies) await page.getByRole("article").filter({ hasText: body }).getByRole("checkbox").check();
    await page.getByLabel("Action sur la sélection").selectOption({ label: "Indésirable" });
    await Promise.all([page.waitForURL((url) => url.searchParams.get("fait") === "spam"), page.getByRole("button", { name: "Appliquer" }).click()]);
    expect(await page.getByRole("status").textContent()).toBe("2 commentaires classés indésirables.");
    for (const body of bodies) expect((await commentRow(body))?.status).toBe("spam");

    await page.getByRole("link", { name: /^Indésirables \(\d+\)$/ }).click();
    const item = page.getByRole("article").filter({ hasText: bodies[0] ?? "" });
    await Promise.all([page.waitForURL((url) => url.searchParams.get("fait") === "restore"), item.getByRole("button", { name: "Restaurer" }).click()]);
    expect((await commentRow(bodies[0] ?? ""))?.status).toBe("pending");
    await page.context().close();
  });

  it("lets the blogger reply from the queue: published at once, under its comment, with the author badge", async () => {
    const question = `Une question pour l'autrice ? ${randomUUID()}`;
    await (await postWithoutJavaScript(question, "Inès Morel")).context().close();
    const page = await bloggerPage();
    const item = page.getByRole("article").filter({ hasText: question });
    await item.getByText("Répondre", { exact: true }).click();
    const answer = `Bonne question, j'y reviens bientôt. ${randomUUID()}`;
    await item.getByLabel("Votre réponse").fill(answer);
    await Promise.all([page.waitForURL((url) => url.searchParams.get("fait") === "reponse"), item.getByRole("button", { name: "Publier la réponse" }).click()]);
    expect(await page.getByRole("status").textContent()).toBe("Réponse publiée ; le commentaire auquel vous répondez est approuvé aussi.");
    // Answered, hence approved: it has left the pending tab.
    expect(await page.getByRole("article").filter({ hasText: question }).count()).toBe(0);

    const reader = await (await readerContext({ javaScriptEnabled: false })).newPage();
    await reader.goto(blog(ARTICLE));
    const thread = reader.getByRole("listitem").filter({ has: reader.getByRole("article").filter({ hasText: question }) });
    const reply = thread.getByRole("article").filter({ hasText: answer });
    expect(await reply.textContent()).toContain("Hélène MarchandAuteur du blog");
    const row = await commentRow(answer);
    expect(row?.parent_id).toBe((await commentRow(question))?.id);
    await reader.context().close();
    await page.context().close();
  });
});

describe("replying as a reader", () => {
  it("opens the reply form in place with JavaScript, and posts the reply under its comment", async () => {
    const context = await readerContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(blog(ARTICLE));
    const thread = page.getByRole("listitem").filter({ has: page.getByRole("article", { name: "Sophie Garnier" }) }).first();
    await thread.getByRole("link", { name: "Répondre à Sophie Garnier" }).click();
    const form = thread.locator("form");
    expect(await form.getByRole("heading").textContent()).toBe("Votre réponse à Sophie Garnier");
    // React runs the page (the form opened in place): the article's text and its comments, which the page's
    // payload does not carry, are still as the server wrote them, and React found nothing to mend.
    expect(await page.locator("#texte-article").textContent()).toContain("Je reviendrai sur ce sujet à la rentrée");
    expect(await page.locator("#texte-article img").count()).toBeGreaterThan(0);
    expect(await thread.getByRole("article", { name: "Sophie Garnier" }).count()).toBe(1);
    expect(errors).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(ARTICLE);
    const body = `Réponse dans le fil. ${randomUUID()}`;
    await fillComment(form, { name: "Jeanne R.", email: `${randomUUID()}@example.org`, body });
    await page.waitForTimeout(3_200);
    await form.getByRole("button", { name: "Publier la réponse" }).click();
    await form.getByRole("status").waitFor();
    expect(await form.getByRole("status").textContent()).toBe(HELD);
    const row = await commentRow(body);
    expect(row?.status).toBe("pending");
    expect(row?.held_reason).toBe("first-time");
    expect(row?.parent_id).not.toBeNull();
    await context.close();
  });

  it("has a reply page without JavaScript", async () => {
    const context = await readerContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(blog(ARTICLE));
    await page.getByRole("link", { name: "Répondre à Karim B." }).click();
    // Waits for the reply page to have loaded, not just for its address to show.
    await page.waitForURL((url) => new RegExp(`^${ARTICLE}/repondre/\\d+$`).test(url.pathname));
    expect(await page.getByRole("article", { name: "Karim B." }).count()).toBe(1);
    const body = `Réponse sans script. ${randomUUID()}`;
    const form = page.locator("form").filter({ hasText: "Votre réponse à Karim B." });
    await fillComment(form, { name: "Luc", email: `${randomUUID()}@example.org`, body });
    await Promise.all([page.waitForURL(() => true), form.getByRole("button", { name: "Publier la réponse" }).click()]);
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").textContent()).toBe(HELD);
    expect((await commentRow(body))?.parent_id).not.toBeNull();
    expect(await page.getByRole("link", { name: "Retour à l'article" }).getAttribute("href")).toMatch(new RegExp(`^${ARTICLE}#commentaire-\\d+$`));
    await context.close();
  });
});

describe("a stranger to the blog", () => {
  const strangerEmail = `intrus-${randomUUID()}@example.org`;
  const strangerPassword = "un mot de passe d'intrus";

  beforeAll(async () => {
    await database.execute({
      sql: "insert into user (id, name, email, password_hash, created_at) values (?, ?, ?, ?, ?)",
      args: [randomUUID(), "Igor Intrus", strangerEmail, await hash(strangerPassword), Date.now()],
    });
  });

  it("cannot read the queue, nor approve, delete or answer its comments by replaying its forms", async () => {
    const body = `Réservé à la modération. ${randomUUID()}`;
    await (await postWithoutJavaScript(body, "Témoin")).context().close();
    const id = Number((await commentRow(body))?.id);

    // The blogger's page, as sent before any script runs, gives away the forms' hidden fields:
    // server action ids are no secret.
    const blogger = await bloggerPage(false);
    const row = blogger.getByRole("article").filter({ hasText: body });
    const moderationFields = await row.locator("form").first().locator("input[type=hidden]").evaluateAll((inputs: HTMLInputElement[]) => inputs.map((input) => [input.name, input.value]));
    const replyFields = await row.locator("details form input[type=hidden]").evaluateAll((inputs: HTMLInputElement[]) => inputs.map((input) => [input.name, input.value]));
    expect(moderationFields.some(([name]) => name?.startsWith("$ACTION_ID_"))).toBe(true);
    await blogger.context().close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, strangerEmail, strangerPassword, "/admin");
    const queue = await page.goto(platform(QUEUE));
    expect(queue?.status()).toBe(403);
    expect(await page.content()).not.toContain(body);

    for (const operation of ["approve", "delete", "trash"]) {
      const response = await context.request.post(platform(QUEUE), {
        headers: { Origin: platform("").replace(/\/$/, "") },
        multipart: { ...Object.fromEntries(moderationFields), operation },
      });
      // Sent back to the queue, which is closed to them.
      expect(response.status()).toBe(403);
      expect(await response.text()).not.toContain(body);
    }
    const reply = await context.request.post(platform(QUEUE), {
      headers: { Origin: platform("").replace(/\/$/, "") },
      multipart: { ...Object.fromEntries(replyFields), body: "Réponse d'un intrus." },
    });
    expect(await reply.text()).not.toContain(body);
    expect((await commentRow(body))?.status).toBe("pending");
    expect(await commentRow("Réponse d'un intrus.")).toBeUndefined();
    expect((await database.execute({ sql: "select id from comment where id = ?", args: [id] })).rows).toHaveLength(1);
    await context.close();
  });
});

describe("being told of replies by e-mail", () => {
  const POST_TITLE = "Les réseaux sociaux d’entreprise au service de la formation";

  /** The blogger answers a comment from the queue's « Approuvés » tab. */
  async function replyFromQueue(question: string, answer: string) {
    const page = await bloggerPage();
    await page.goto(platform(`${QUEUE}?statut=approuves`));
    const item = page.getByRole("article").filter({ hasText: question });
    await item.getByText("Répondre", { exact: true }).click();
    await item.getByLabel("Votre réponse").fill(answer);
    await Promise.all([page.waitForURL((url) => url.searchParams.get("fait") === "reponse"), item.getByRole("button", { name: "Publier la réponse" }).click()]);
    await page.context().close();
  }

  it("confirms once the comment is approved, mails the blogger's reply with its link, and stops at the one-click unsubscription", async () => {
    const address = `${randomUUID()}@example.org`;
    const question = `Préviendrez-vous les lecteurs de la suite ? ${randomUUID()}`;
    const context = await readerContext({ javaScriptEnabled: false });
    const reader = await context.newPage();
    await reader.goto(blog(ARTICLE));
    const form = mainForm(reader);
    await fillComment(form, { name: "Lucie Perrin", email: address, body: question });
    const box = form.getByLabel("Me prévenir des réponses par e-mail", { exact: true });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await Promise.all([reader.waitForURL(() => true), form.getByRole("button", { name: "Publier le commentaire" }).click()]);
    expect(await reader.locator("#commentaire-formulaire [role=status]").textContent()).toBe(HELD);
    // Held: nothing is mailed to the address before the blogger approves the comment.
    const queuedFor = async (kind: string) =>
      Number((await database.execute({ sql: "select count(*) as n from email_outbox where to_address = ? and kind = ?", args: [address, kind] })).rows[0]?.n);
    expect(await queuedFor("comment-replies-confirm")).toBe(0);

    const queue = await bloggerPage();
    const item = queue.getByRole("article").filter({ hasText: question });
    await Promise.all([queue.waitForURL((url) => url.searchParams.get("fait") === "approve"), item.getByRole("button", { name: "Approuver" }).click()]);
    await queue.context().close();

    const confirmation = await waitForMail(mailDir, (mail) => mail.to === address);
    expect(confirmation.subject).toBe(`Confirmez pour être prévenu des réponses à votre commentaire sur « ${POST_TITLE} »`);
    const confirmLink = confirmation.text.split(/\s+/).find((word) => word.startsWith(blog("/commentaires/reponses/confirmer?jeton=")));
    expect(confirmLink).toBeDefined();
    await reader.goto(confirmLink ?? "");
    await reader.getByRole("button", { name: "Confirmer" }).click();
    await reader.getByText("C'est fait : vous serez prévenu par e-mail des réponses à votre commentaire.").waitFor();
    await context.close();

    const answer = `Oui, je vous écrirai dès que la suite paraît. ${randomUUID()}`;
    await replyFromQueue(question, answer);
    const replyId = (await commentRow(answer))?.id;
    const notice = await waitForMail(mailDir, (mail) => mail.to === address && mail.subject.includes("a répondu"));
    expect(notice.subject).toBe(`Hélène Marchand a répondu sur « ${POST_TITLE} »`);
    expect(notice.text).toContain(answer);
    expect(notice.text).toContain(blog(`${ARTICLE}#commentaire-${replyId}`));
    expect(notice.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // The mail program's one-click unsubscription (RFC 8058), straight from the header: no page, a sentence.
    const oneClick = /<(http[^>]+)>/.exec(notice.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
    expect(oneClick.startsWith(blog("/api/commentaires/desinscription?jeton="))).toBe(true);
    const body = "List-Unsubscribe=One-Click";
    const left = await httpRequest("POST", oneClick, { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(left.status).toBe(200);
    expect(left.body).toBe("C'est fait : vous ne recevrez plus d'e-mail pour les réponses à ce commentaire.");
    const again = await httpRequest("POST", oneClick, { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(again.status).toBe(200);
    expect(again.body).toBe("Vous n'étiez pas (ou plus) prévenu des réponses à ce commentaire : rien d'autre à faire.");

    // A second reply: nothing more for the address. A held comment queued after it tells the blogger, and
    // once that mail has arrived, anything queued for the reader before it would have too.
    await replyFromQueue(question, `Et voici la suite promise. ${randomUUID()}`);
    const later = `Un dernier mot, à valider. ${randomUUID()}`;
    await (await postWithoutJavaScript(later, "Marc Vidal")).context().close();
    await waitForMail(mailDir, (mail) => mail.to === "demo@carnet.test" && mail.text.includes(later));
    expect(readMailbox(mailDir).filter((mail) => mail.to === address && mail.subject.includes("a répondu"))).toHaveLength(1);
    expect(await queuedFor("comment-reply")).toBe(1);
  });
});
