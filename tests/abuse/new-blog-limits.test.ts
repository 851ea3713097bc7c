import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DAILY_LIMITS, DAY_MS, NEW_BLOG_DAYS, dailyLimit, isNewBlog, limitReachedMessage } from "@/lib/abuse/limits";
import { db } from "@/lib/db";
import { formatCount } from "@/lib/i18n";
import { blogs, emailOutbox, media, posts } from "@/lib/db/schema";
import { uploadMedia } from "@/lib/media/mutations";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { createBlog as createAdminBlog, createUser } from "../helpers/admin-fixtures";
import { addSubscribers, createBlog as createNewsletterBlog, createDraft } from "../helpers/newsletter-fixtures";

const warnings: string[] = [];
beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation((line: unknown) => void warnings.push(String(line)));
});

const age = (blogId: number, days: number) => db.update(blogs).set({ createdAt: Date.now() - days * DAY_MS }).where(eq(blogs.id, blogId));

describe("a new blog's limits", () => {
  it("are lower during the blog's first seven days, then those of an established blog", () => {
    const opened = Date.UTC(2026, 11, 1, 10, 0);
    expect(isNewBlog(opened, opened + (NEW_BLOG_DAYS * DAY_MS - 1))).toBe(true);
    expect(isNewBlog(opened, opened + NEW_BLOG_DAYS * DAY_MS)).toBe(false);
    for (const kind of Object.keys(DAILY_LIMITS) as (keyof typeof DAILY_LIMITS)[]) {
      expect(dailyLimit(kind, opened, opened + DAY_MS)).toBeLessThan(dailyLimit(kind, opened, opened + 8 * DAY_MS));
    }
    expect(limitReachedMessage("uploads", opened, opened + DAY_MS)).toBe(
      "Limite atteinte pour ce blog : 30 images envoyées par 24 heures (blog de moins de 7 jours). Réessayez plus tard.",
    );
    expect(limitReachedMessage("uploads", opened, opened + 30 * DAY_MS)).toBe("Limite atteinte pour ce blog : 500 images envoyées par 24 heures. Réessayez plus tard.");
  });
});

describe("uploads per day", () => {
  const root = mkdtempSync(join(tmpdir(), "carnet-limites-"));
  const storage = fileSystemMediaStorage(root);
  const png = (colour: string) => sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).png().toBuffer();

  /** Rows as if `count` images had been sent `hoursAgo` hours ago (their files do not matter here). */
  async function pastUploads(blogId: number, userId: string, count: number, hoursAgo: number) {
    const at = Date.now() - hoursAgo * 3_600_000;
    await db.insert(media).values(
      Array.from({ length: count }, (_, index) => ({
        blogId,
        uploaderId: userId,
        storageKey: `${blogId}-${hoursAgo}-${index}.png`,
        mimeType: "image/png",
        byteSize: 100,
        createdAt: at,
      })),
    );
  }

  it("refuses a new blog's upload past thirty images in 24 hours, before storing anything", async () => {
    const owner = await createUser("Nadia Nouvelle");
    const blog = await createAdminBlog("carnet-tout-neuf", owner);
    await pastUploads(blog.id, owner.id, DAILY_LIMITS.uploads.newBlog, 2);
    const filesBefore = readdirSync(root, { recursive: true }).length;
    expect(await uploadMedia({ userId: owner.id, blogId: blog.id, bytes: await png("#8e44ad"), alt: "" }, storage)).toEqual({ ok: false, problem: "dailyLimit" });
    expect(readdirSync(root, { recursive: true }).length).toBe(filesBefore);
  });

  it("counts only the last 24 hours", async () => {
    const owner = await createUser("Olivier Patient");
    const blog = await createAdminBlog("carnet-patient", owner);
    await pastUploads(blog.id, owner.id, DAILY_LIMITS.uploads.newBlog, 25);
    expect(await uploadMedia({ userId: owner.id, blogId: blog.id, bytes: await png("#27ae60"), alt: "" }, storage)).toMatchObject({ ok: true });
  });

  it("lets an established blog go on past the new blog's ceiling", async () => {
    const owner = await createUser("Paule Ancienne");
    const blog = await createAdminBlog("carnet-ancien", owner);
    await age(blog.id, 30);
    await pastUploads(blog.id, owner.id, DAILY_LIMITS.uploads.newBlog, 2);
    expect(await uploadMedia({ userId: owner.id, blogId: blog.id, bytes: await png("#d35400"), alt: "" }, storage)).toMatchObject({ ok: true });
  });
});

describe("newsletter mails per day", () => {
  async function publish(blogId: number, title: string) {
    const postId = await createDraft(blogId, { title, markdown: "Un billet pour les abonnés." });
    const now = Date.now();
    const queued = await db.transaction(async (tx) => {
      await tx.update(posts).set({ status: "published", publishedAt: now, updatedAt: now }).where(eq(posts.id, postId));
      return queuePostForSubscribers(tx, { blogId, postId, now });
    });
    const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId));
    return { queued, status: post?.status };
  }
  const queuedFor = async (blogId: number) =>
    (await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.blogId, blogId), eq(emailOutbox.kind, "newsletter-post")))).length;

  it("publishes a new blog's post but mails nobody when it would pass 1 000 mails in 24 hours", async () => {
    const { blog } = await createNewsletterBlog({ title: "Carnet pressé" });
    await addSubscribers(blog.id, 600, "confirmed", "presse");
    expect(await publish(blog.id, "Premier envoi")).toEqual({ queued: 600, status: "published" });
    expect(await publish(blog.id, "Deuxième envoi le même jour")).toEqual({ queued: 0, status: "published" });
    expect(await queuedFor(blog.id)).toBe(600);
    expect(warnings.at(-1)).toBe(
      `[lettre] « Deuxième envoi le même jour » (blog ${blog.slug}) n'est pas envoyé aux abonnés : ${formatCount(1000, "fr")} e-mails de lettre d'information par 24 heures (blog de moins de 7 jours).`,
    );
  });

  it("sends an established blog's posts to every subscriber, however many that day", async () => {
    const { blog } = await createNewsletterBlog({ title: "Carnet établi" });
    await age(blog.id, NEW_BLOG_DAYS + 1);
    await addSubscribers(blog.id, 600, "confirmed", "etabli");
    expect((await publish(blog.id, "Matin")).queued).toBe(600);
    expect((await publish(blog.id, "Soir")).queued).toBe(600);
  });
});
