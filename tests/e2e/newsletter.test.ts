import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { readMailbox, waitForMail } from "../helpers/mailbox";
import { signIn } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const mailDir = inject("mailDir");
const demo = (path = "/") => `http://formation-continue.${rootDomain}${path}`;
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const NEUTRAL_ANSWER = "Merci ! Si cette adresse n'est pas déjà abonnée, un e-mail de confirmation vient de lui être envoyé";

let serial = 0;
const uniqueAddress = (name: string) => `${name}-${Date.now()}-${(serial += 1)}@exemple.fr`;

// This file writes to the server's database directly (a blog of its own, published posts): the same
// file, address and secret as the server.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.ROOT_DOMAIN = rootDomain;
process.env.PUBLIC_PROTOCOL = "http";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** A POST as a mail program sends it (Node does not resolve *.localhost: 127.0.0.1 with the Host kept). */
function httpPost(url: string, body: string, contentType: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: target.port, path: `${target.pathname}${target.search}`, method: "POST", headers: { Host: target.host, "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const linkIn = (text: string, path: string) => {
  const found = new RegExp(`https?://\\S+${path.replace(/\//g, "\\/")}\\?jeton=\\S+`).exec(text)?.[0];
  if (!found) throw new Error(`no ${path} link in:\n${text}`);
  return found;
};

type Page = Awaited<ReturnType<Browser["newPage"]>>;
const subscriberCount = async (page: Page) => Number((await page.getByTestId("subscriber-count").textContent())?.replace(/\D/g, ""));

describe("subscribing to the demo blog", () => {
  it("subscribes from the article's sidebar, confirms from the mail and sees the count rise; one click in the mail program undoes it", async () => {
    const page = await browser.newPage();
    await page.goto(demo(ARTICLE));
    const before = await subscriberCount(page);
    const address = uniqueAddress("lectrice");

    const newsletter = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
    await newsletter.getByLabel("Votre adresse e-mail").fill(address);
    await newsletter.getByRole("button", { name: "S'abonner" }).click();
    await newsletter.getByRole("status").waitFor();
    expect(await newsletter.getByRole("status").textContent()).toContain(NEUTRAL_ANSWER);

    const mail = await waitForMail(mailDir, (message) => message.to === address);
    expect(mail.subject).toBe("Confirmez votre abonnement à « Formation Continue du Supérieur »");
    const confirmLink = linkIn(mail.text, "/newsletter/confirmer");
    expect(confirmLink.startsWith(demo("/newsletter/confirmer?jeton="))).toBe(true);

    // Opening the link (what a mail scanner does) confirms nothing.
    await page.goto(confirmLink);
    await page.goto(demo(ARTICLE));
    expect(await subscriberCount(page)).toBe(before);

    await page.goto(confirmLink);
    expect(await page.locator("h1").textContent()).toBe("Confirmer votre abonnement");
    await page.getByRole("button", { name: "Confirmer mon abonnement" }).click();
    await page.getByRole("main").getByRole("status").waitFor();
    expect(await page.getByRole("main").getByRole("status").textContent()).toBe("C'est fait : votre abonnement est confirmé. Vous recevrez le prochain article par e-mail.");
    await page.goto(demo(ARTICLE));
    expect(await subscriberCount(page)).toBe(before + 1);
    expect(await page.getByTestId("subscriber-count").textContent()).toBe(`${before + 1} abonnés`);

    // Signing up again, or with an address that followed the blog for years, says the same as for a newcomer.
    for (const known of [address, "lectrice-01@example.org"]) {
      await page.goto(demo("/"));
      const form = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
      await form.getByLabel("Votre adresse e-mail").fill(known);
      await form.getByRole("button", { name: "S'abonner" }).click();
      await form.getByRole("status").waitFor();
      expect(await form.getByRole("status").textContent()).toContain(NEUTRAL_ANSWER);
    }

    // The mail program's one-click unsubscription (RFC 8058), straight from the header.
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /<(http[^>]+)>/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
    expect(oneClick.startsWith(demo("/api/newsletter/desinscription?jeton="))).toBe(true);
    const response = await httpPost(oneClick, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
    expect(response.status).toBe(200);
    expect(response.body).toBe("C'est fait : vous ne recevrez plus les articles de ce blog.");
    await page.goto(demo(ARTICLE));
    expect(await subscriberCount(page)).toBe(before);
    await page.close();
  });

  it("works without JavaScript: a malformed address is refused next to the field, what was typed is kept", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo(ARTICLE));
    let newsletter = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
    await newsletter.getByLabel("Votre adresse e-mail").fill("helene.marchand@");
    await Promise.all([page.waitForLoadState("load"), newsletter.getByRole("button", { name: "S'abonner" }).click()]);
    newsletter = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
    await newsletter.getByText("Cette adresse e-mail n'est pas valide.").waitFor();
    const field = newsletter.getByLabel("Votre adresse e-mail");
    expect(await field.inputValue()).toBe("helene.marchand@");
    expect(await field.getAttribute("aria-invalid")).toBe("true");

    const address = uniqueAddress("sans-js");
    await field.fill(address);
    await Promise.all([page.waitForLoadState("load"), newsletter.getByRole("button", { name: "S'abonner" }).click()]);
    newsletter = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
    await newsletter.getByRole("status").waitFor();
    expect(await newsletter.getByRole("status").textContent()).toContain(NEUTRAL_ANSWER);

    const mail = await waitForMail(mailDir, (message) => message.to === address);
    await page.goto(linkIn(mail.text, "/newsletter/confirmer"));
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Confirmer mon abonnement" }).click()]);
    expect(await page.getByRole("main").getByRole("status").textContent()).toContain("votre abonnement est confirmé");

    // And leaves again through the page of the mail's "Se désabonner" link, still without JavaScript.
    await page.goto(linkIn(mail.text, "/newsletter/desinscription"));
    expect(await page.locator("h1").textContent()).toBe("Se désabonner");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Me désabonner" }).click()]);
    expect(await page.getByRole("main").getByRole("status").textContent()).toBe("C'est fait : vous ne recevrez plus les articles de ce blog.");
    await context.close();
  });
});

describe("mailbomb protection", () => {
  it("throttles the signups of one client, keeping what was typed", async () => {
    const page = await browser.newPage();
    await page.goto(demo("/"));
    const form = page.getByRole("complementary").getByRole("region", { name: "Newsletter" });
    let answer = "";
    let attempts = 0;
    // Ten signups an hour per client, whatever the addresses (earlier tests of this file used a few).
    while (attempts < 12) {
      attempts += 1;
      await form.getByLabel("Votre adresse e-mail").fill(uniqueAddress("rafale"));
      await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), form.getByRole("button", { name: "S'abonner" }).click()]);
      // The answer is on the page once the button is no longer busy.
      await page.waitForFunction(() => document.querySelector("#newsletter button[type=submit]:not([disabled])") !== null);
      answer = (await form.locator("p[role=status], p[role=alert]").textContent()) ?? "";
      if (!answer.startsWith("Merci")) break;
    }
    expect(attempts).toBeLessThanOrEqual(11);
    expect(answer).toBe("Trop de tentatives : réessayez dans quelques minutes.");
    expect(await form.getByLabel("Votre adresse e-mail").inputValue()).toMatch(/^rafale-/);
    await page.close();

    // Leave the shared server as it was for the other journeys.
    const { like } = await import("drizzle-orm");
    const { db } = await import("@/lib/db");
    const { rateLimits } = await import("@/lib/db/schema");
    await db.delete(rateLimits).where(like(rateLimits.key, "newsletter:client:%"));
  });
});

describe("following a blog without the sidebar widget", () => {
  it("leads \"Suivre ce blog\" to a signup page of its own when the blogger hid the newsletter widget", async () => {
    const { db } = await import("@/lib/db");
    const { blogMembers, blogs, users, DEFAULT_BLOG_SETTINGS } = await import("@/lib/db/schema");
    const stamp = Date.now().toString(36);
    const [owner] = await db.insert(users).values({ name: "Jeanne Roux", email: `jeanne-${stamp}@exemple.fr`, emailVerified: new Date() }).returning({ id: users.id });
    const [blog] = await db
      .insert(blogs)
      .values({
        slug: `sobre-${stamp}`,
        title: "Carnet sobre",
        ownerId: owner!.id,
        settings: { ...DEFAULT_BLOG_SETTINGS, sidebarWidgets: ["archives", "categories"] },
      })
      .returning({ id: blogs.id, slug: blogs.slug });
    await db.insert(blogMembers).values({ blogId: blog!.id, userId: owner!.id, role: "owner" });

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`http://${blog!.slug}.${rootDomain}/`);
    expect(await page.getByRole("region", { name: "Newsletter" }).count()).toBe(0);
    await page.getByRole("link", { name: "Suivre ce blog" }).click();
    await page.waitForURL(`http://${blog!.slug}.${rootDomain}/newsletter`);
    expect(await page.locator("h1").textContent()).toBe("Suivre « Carnet sobre » par e-mail");
    const address = uniqueAddress("sobre");
    await page.getByLabel("Votre adresse e-mail").fill(address);
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "S'abonner" }).click()]);
    expect(await page.getByRole("main").getByRole("status").textContent()).toContain(NEUTRAL_ANSWER);
    const mail = await waitForMail(mailDir, (message) => message.to === address);
    expect(mail.subject).toBe("Confirmez votre abonnement à « Carnet sobre »");
    await context.close();
  });
});

describe("a new post and its subscribers", () => {
  it("mails a published post once to each confirmed subscriber of an English blog, whose pages say so in English", async () => {
    const { eq } = await import("drizzle-orm");
    const { db } = await import("@/lib/db");
    const { blogMembers, blogs, posts, subscribers, users, emailOutbox } = await import("@/lib/db/schema");
    const { queuePostForSubscribers } = await import("@/lib/newsletter/fan-out");
    const stamp = Date.now().toString(36);
    const [owner] = await db.insert(users).values({ name: "Ann Reed", email: `ann-${stamp}@exemple.fr`, emailVerified: new Date() }).returning({ id: users.id });
    const [blog] = await db
      .insert(blogs)
      .values({ slug: `notes-${stamp}`, title: "Lifelong Learning Notes", language: "en", ownerId: owner!.id })
      .returning({ id: blogs.id, slug: blogs.slug });
    await db.insert(blogMembers).values({ blogId: blog!.id, userId: owner!.id, role: "owner" });
    const readers = ["ada", "ben", "cyd"].map((name) => `${name}-${stamp}@exemple.fr`);
    await db.insert(subscribers).values([
      ...readers.map((email) => ({ blogId: blog!.id, email, status: "confirmed" as const, confirmedAt: Date.now() })),
      { blogId: blog!.id, email: `pending-${stamp}@exemple.fr`, status: "pending" as const },
      { blogId: blog!.id, email: `gone-${stamp}@exemple.fr`, status: "unsubscribed" as const },
    ]);
    const site = (path = "/") => `http://${blog!.slug}.${rootDomain}${path}`;

    const page = await browser.newPage();
    await page.goto(site("/"));
    expect(await page.getByTestId("subscriber-count").textContent()).toBe("3 subscribers");

    const now = Date.now();
    const [post] = await db
      .insert(posts)
      .values({ blogId: blog!.id, slug: "skills-audits", title: "Skills audits, revisited", bodyMarkdown: "Shorter, and more often remote.", bodyHtml: "<p>Shorter, and more often remote.</p>", excerpt: "Shorter, and more often remote.", status: "draft", updatedAt: now })
      .returning({ id: posts.id });
    const publish = () =>
      db.transaction(async (tx) => {
        await tx.update(posts).set({ status: "published", publishedAt: now, updatedAt: Date.now() }).where(eq(posts.id, post!.id));
        return queuePostForSubscribers(tx, { blogId: blog!.id, postId: post!.id });
      });
    expect(await publish()).toBe(3);
    // Saving the published post again sends nothing more.
    expect(await publish()).toBe(0);

    const subject = "Lifelong Learning Notes: Skills audits, revisited";
    for (const reader of readers) await waitForMail(mailDir, (message) => message.to === reader && message.subject === subject);
    const outbox = () => db.select({ to: emailOutbox.toAddress, status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.blogId, blog!.id));
    expect((await outbox()).map((row) => row.to).sort()).toEqual(readers);
    // The worker marks a message sent just after the SMTP server took it: awaited, not assumed.
    await expect.poll(async () => (await outbox()).map((row) => row.status), { timeout: 10_000 }).toEqual(["sent", "sent", "sent"]);
    expect(readMailbox(mailDir).filter((message) => message.subject === subject).map((message) => message.to).sort()).toEqual(readers);

    const mail = readMailbox(mailDir).find((message) => message.to === readers[0] && message.subject === subject);
    expect(mail?.text).toContain(site("/archives/"));
    await page.goto(linkIn(mail?.text ?? "", "/newsletter/desinscription"));
    expect(await page.locator("h1").textContent()).toBe("Unsubscribe");
    await page.getByRole("button", { name: "Unsubscribe me" }).click();
    await page.getByRole("main").getByRole("status").waitFor();
    expect(await page.getByRole("main").getByRole("status").textContent()).toBe("Done: you will no longer receive the posts of this blog.");
    await page.goto(site("/"));
    expect(await page.getByTestId("subscriber-count").textContent()).toBe("2 subscribers");
    await page.close();
  });
});

describe("the blogger's subscribers and outbox", () => {
  it("lists, searches, imports, exports and removes subscribers, and shows what was sent", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, "/admin/formation-continue/abonnes");
    expect(await page.locator("h1").textContent()).toBe("Abonnés");
    expect(await page.getByTestId("subscriber-totals").textContent()).toMatch(/^\d+ confirmé\(s\) · \d+ en attente · \d+ désabonné\(s\)$/);

    await page.getByLabel("Adresse contenant").fill("lectrice-07");
    await Promise.all([page.waitForURL(/q=lectrice-07/), page.getByRole("button", { name: "Rechercher" }).click()]);
    const rows = page.getByRole("table").getByRole("row");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain("lectrice-07@example.org");
    expect(await rows.nth(1).textContent()).toContain("Confirmé");

    const first = uniqueAddress("importee");
    const second = uniqueAddress("importee");
    await page.goto(`http://${rootDomain}/admin/formation-continue/abonnes`);
    const importing = page.getByRole("region", { name: "Importer des abonnés" });
    const csvFile = { name: "abonnes.csv", mimeType: "text/csv", buffer: Buffer.from(`email\n${first}\n${second}\nlectrice-07@example.org\npas-une-adresse\n`) };
    await importing.getByLabel("Fichier CSV").setInputFiles(csvFile);
    await importing.getByRole("button", { name: "Importer" }).click();
    await importing.getByRole("alert").waitFor();
    expect(await importing.getByRole("alert").textContent()).toContain("Cochez la case");
    await importing.getByLabel("Fichier CSV").setInputFiles(csvFile);
    await importing.getByLabel(/Je certifie que chacune de ces personnes/).check();
    await importing.getByRole("button", { name: "Importer" }).click();
    await importing.getByRole("status").waitFor();
    expect(await importing.getByRole("status").textContent()).toBe(
      "2 adresse(s) ajoutée(s) : chacune reçoit un e-mail de confirmation. 1 déjà présente(s), laissée(s) telle(s) quelle(s). Lignes ignorées (adresse non valide) : 5 (pas-une-adresse).",
    );
    await waitForMail(mailDir, (message) => message.to === first && message.subject.startsWith("Confirmez votre abonnement"));

    const exported = await page.request.get(`http://${rootDomain}/admin/formation-continue/abonnes/export.csv`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const csv = await exported.text();
    expect(csv.split("\n")[0]).toBe("\uFEFFemail;statut;source;inscription;confirmation;desinscription");
    expect(csv).toContain(`${first};en attente;import;`);
    expect(csv).toMatch(/lectrice-01@example\.org;confirmé;form;2011-/);

    await page.goto(`http://${rootDomain}/admin/formation-continue/abonnes?q=${encodeURIComponent(first)}`);
    await Promise.all([page.waitForURL(/retire=1/), page.getByRole("button", { name: `Retirer ${first}` }).click()]);
    expect(await page.getByRole("main").getByRole("status").textContent()).toContain("L’abonné a été retiré");
    await page.goto(`http://${rootDomain}/admin/formation-continue/abonnes?q=${encodeURIComponent(first)}`);
    expect(await page.getByText("Aucun abonné ne correspond.").count()).toBe(1);

    await page.goto(`http://${rootDomain}/admin/formation-continue/boite?statut=sent`);
    expect(await page.locator("h1").textContent()).toBe("Boîte de développement");
    const sentToSecond = page.getByTestId("outbox-message").filter({ hasText: second });
    expect(await sentToSecond.textContent()).toContain("Confirmation d’abonnement");
    expect(await sentToSecond.textContent()).toContain("Envoyé");
    await context.close();
  });

  it("keeps the subscribers of a blog from signed-out visitors and from its authors", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const signedOut = await page.request.get(`http://${rootDomain}/admin/formation-continue/abonnes/export.csv`, { maxRedirects: 0 });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toContain("/connexion?retour=");

    // An author of the demo blog: a member, but not its owner.
    const { db } = await import("@/lib/db");
    const { blogMembers, blogs } = await import("@/lib/db/schema");
    const { createAccount } = await import("@/lib/auth/mutations");
    const { eq } = await import("drizzle-orm");
    const email = uniqueAddress("autrice");
    const password = "plume-invitee-2026";
    const account = await createAccount({ name: "Autrice invitée", email, password });
    const [demoBlog] = await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, "formation-continue"));
    await db.insert(blogMembers).values({ blogId: demoBlog!.id, userId: account!.id, role: "author" });

    await signIn(page, rootDomain, email, password, "/admin/formation-continue/abonnes");
    expect(await page.locator("h1").textContent()).toBe("Accès refusé");
    expect(await page.getByRole("table").count()).toBe(0);
    const exported = await page.request.get(`http://${rootDomain}/admin/formation-continue/abonnes/export.csv`);
    expect(exported.status()).toBe(403);
    expect(await exported.text()).not.toContain("@example.org");
    await page.goto(`http://${rootDomain}/admin/formation-continue/boite`);
    expect(await page.locator("h1").textContent()).toBe("Accès refusé");
    await context.close();
  });
});
