import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, posts } from "@/lib/db/schema";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import { drainOutbox } from "@/lib/mail/worker";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";
import { unsubscribeWithToken } from "@/lib/newsletter/subscriptions";
import { addSubscribers, createBlog, createDraft } from "../helpers/newsletter-fixtures";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";

let smtp: TestSmtpServer;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpServer();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  // Each test sends its own batch and nothing else.
  await db.delete(emailOutbox);
  smtp.messages.length = 0;
  transport = createSmtpTransport(smtp.url) as MailTransport;
});
afterEach(() => {
  transport.close();
});

/** What the post editor does: publish the post and queue its newsletter in one transaction. */
async function publish(blogId: number, postId: number, at = Date.parse("2026-03-14T09:30:00+01:00")) {
  return db.transaction(async (tx) => {
    await tx.update(posts).set({ status: "published", publishedAt: at, updatedAt: at }).where(eq(posts.id, postId));
    return queuePostForSubscribers(tx, { blogId, postId, now: at });
  });
}

const ARTICLE = `Les bilans de compétences ont changé de visage depuis la réforme : plus courts, plus souvent à distance.

## Ce qui change

Le financement passe désormais par le compte personnel de formation, avec un reste à charge possible.

![Schéma du parcours](/static/demo/parcours.svg)`;

describe("sending a new post to the subscribers", () => {
  it("sends exactly one mail to every confirmed subscriber, none to pending or unsubscribed ones", async () => {
    const { blog } = await createBlog({ title: "Carnet de la VAE" });
    const confirmed = await addSubscribers(blog.id, 25, "confirmed", "fidele");
    await addSubscribers(blog.id, 3, "pending", "attente");
    await addSubscribers(blog.id, 2, "unsubscribed", "partie");
    const postId = await createDraft(blog.id, { title: "Bilans de compétences : ce qui change", markdown: ARTICLE, excerpt: "Plus courts, plus souvent à distance : le point sur la réforme." });

    expect(await publish(blog.id, postId)).toBe(25);
    expect(await drainOutbox(transport)).toBe(25);

    const recipients = smtp.messages.map((mail) => mail.to).sort();
    expect(recipients).toEqual(confirmed.map((subscriber) => subscriber.email).sort());
    const mail = smtp.messages.find((message) => message.to === confirmed[0]?.email);
    expect(mail?.subject).toBe("Carnet de la VAE : Bilans de compétences : ce qui change");
    expect(mail?.text).toContain("Plus courts, plus souvent à distance : le point sur la réforme.");
    expect(mail?.text).not.toContain("Le financement passe désormais");
    expect(mail?.text).toContain(`https://${blog.slug}.carnet.test/archives/2026/03/14/bilans-de-competences-ce-qui-change`);
    expect(mail?.text).toMatch(new RegExp(`https://${blog.slug}\\.carnet\\.test/newsletter/desinscription\\?jeton=${confirmed[0]?.id}\\.`));
    expect(mail?.html).toContain("<h1");
    expect(mail?.html).toContain(`<a href="https://${blog.slug}.carnet.test/archives/2026/03/14/bilans-de-competences-ce-qui-change"`);
    expect(mail?.html).toContain("Lire l&#39;article</a>");
    expect(mail?.headers["list-unsubscribe"]).toMatch(new RegExp(`^<https://${blog.slug}\\.carnet\\.test/api/newsletter/desinscription\\?jeton=${confirmed[0]?.id}\\.[A-Za-z0-9_-]+>$`));
    expect(mail?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail?.messageId).toBe(`<post.${postId}.${confirmed[0]?.id}@carnet.test>`);
  });

  it("sends nothing again when the published post is edited or published again", async () => {
    const { blog } = await createBlog();
    await addSubscribers(blog.id, 4, "confirmed", "lecteur");
    const postId = await createDraft(blog.id, { title: "Une seule fois", markdown: "Premier jet." });
    expect(await publish(blog.id, postId)).toBe(4);
    const [row] = await db.select({ queuedAt: posts.newsletterQueuedAt }).from(posts).where(eq(posts.id, postId));
    expect(row?.queuedAt).not.toBeNull();
    // The editor saves a correction of the published post, in the same way.
    await db.transaction(async (tx) => {
      await tx.update(posts).set({ title: "Une seule fois (corrigé)", updatedAt: Date.now() }).where(eq(posts.id, postId));
      expect(await queuePostForSubscribers(tx, { blogId: blog.id, postId })).toBe(0);
    });
    expect(await publish(blog.id, postId)).toBe(0);
    await drainOutbox(transport);
    expect(smtp.messages).toHaveLength(4);
  });

  it("sends nothing for a draft or a post of another blog", async () => {
    const { blog } = await createBlog();
    const other = await createBlog();
    await addSubscribers(blog.id, 2, "confirmed", "abonne");
    const draftId = await createDraft(blog.id, { title: "Brouillon", markdown: "Pas prêt." });
    expect(await db.transaction((tx) => queuePostForSubscribers(tx, { blogId: blog.id, postId: draftId }))).toBe(0);
    const foreignId = await createDraft(other.blog.id, { title: "Ailleurs", markdown: "Autre blog." });
    await db.update(posts).set({ status: "published", publishedAt: Date.now() }).where(eq(posts.id, foreignId));
    expect(await db.transaction((tx) => queuePostForSubscribers(tx, { blogId: blog.id, postId: foreignId }))).toBe(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.blogId, blog.id))).toHaveLength(0);
  });

  it("queues nothing when the publishing transaction fails, and everything when it is published again", async () => {
    const { blog } = await createBlog();
    await addSubscribers(blog.id, 5, "confirmed", "patient");
    const postId = await createDraft(blog.id, { title: "Publication interrompue", markdown: "Texte." });
    await expect(
      db.transaction(async (tx) => {
        await tx.update(posts).set({ status: "published", publishedAt: Date.now() }).where(eq(posts.id, postId));
        await queuePostForSubscribers(tx, { blogId: blog.id, postId });
        throw new Error("panne pendant la publication");
      }),
    ).rejects.toThrow("panne");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.blogId, blog.id))).toHaveLength(0);
    const [row] = await db.select({ queuedAt: posts.newsletterQueuedAt, status: posts.status }).from(posts).where(eq(posts.id, postId));
    expect(row).toEqual({ queuedAt: null, status: "draft" });
    expect(await publish(blog.id, postId)).toBe(5);
  });

  it("resumes a batch interrupted by a restart with no subscriber missed and none mailed twice", async () => {
    const { blog } = await createBlog();
    const everyone = await addSubscribers(blog.id, 40, "confirmed", "lot");
    const postId = await createDraft(blog.id, { title: "Un grand envoi", markdown: "Pour tout le monde." });
    expect(await publish(blog.id, postId)).toBe(40);
    // The server stops while the batch is being sent…
    const before = await drainOutbox(transport, { batchSize: 20, shouldStop: () => smtp.messages.length >= 12 });
    expect(before).toBeLessThan(40);
    transport.close();
    // …and a new process takes over.
    transport = createSmtpTransport(smtp.url) as MailTransport;
    expect(before + (await drainOutbox(transport))).toBe(40);
    const recipients = smtp.messages.map((mail) => mail.to);
    expect(recipients).toHaveLength(40);
    expect(new Set(recipients)).toEqual(new Set(everyone.map((subscriber) => subscriber.email)));
  });

  it("sends the full text when the blog asks for it, with its images on the blog's address", async () => {
    const { blog } = await createBlog({ settings: { newsletterFullText: true } });
    await addSubscribers(blog.id, 1, "confirmed", "integral");
    const postId = await createDraft(blog.id, { title: "Article complet", markdown: ARTICLE });
    await publish(blog.id, postId);
    await drainOutbox(transport);
    const [mail] = smtp.messages;
    expect(mail?.text).toContain("Le financement passe désormais par le compte personnel de formation");
    expect(mail?.html).toContain(`src="https://${blog.slug}.carnet.test/static/demo/parcours.svg"`);
  });

  it("writes to the subscribers of an English blog in English", async () => {
    const { blog } = await createBlog({ language: "en", title: "Lifelong Learning Notes" });
    await addSubscribers(blog.id, 1, "confirmed", "reader");
    const postId = await createDraft(blog.id, { title: "Skills audits, revisited", markdown: "Shorter and more often remote.", excerpt: "Shorter and more often remote." });
    await publish(blog.id, postId);
    await drainOutbox(transport);
    const [mail] = smtp.messages;
    expect(mail?.subject).toBe("Lifelong Learning Notes: Skills audits, revisited");
    expect(mail?.text).toContain("Read the post on the blog:");
    expect(mail?.text).toContain("Unsubscribe, no sign-in needed:");
  });

  it("lets a recipient leave with the one-click link of the List-Unsubscribe header", async () => {
    const { blog } = await createBlog();
    await addSubscribers(blog.id, 3, "confirmed", "clic");
    const postId = await createDraft(blog.id, { title: "Dernier article lu", markdown: "Au revoir." });
    await publish(blog.id, postId);
    await drainOutbox(transport);
    const [mail] = smtp.messages;
    const address = /<([^>]+)>/.exec(mail?.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
    const token = new URL(address).searchParams.get("jeton") ?? "";
    expect(await unsubscribeWithToken(token)).toEqual({ outcome: "unsubscribed", blogId: blog.id });
    expect(await countConfirmedSubscribers(blog.id)).toBe(2);
  });
});
