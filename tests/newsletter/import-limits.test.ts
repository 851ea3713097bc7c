import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DAILY_LIMITS, DAY_MS, NEW_BLOG_DAYS } from "@/lib/abuse/limits";
import { db } from "@/lib/db";
import { blogs, emailOutbox, subscribers } from "@/lib/db/schema";
import { importSubscribersAs } from "@/lib/newsletter/mutations";
import { importReport } from "@/lib/newsletter/import-report";
import { createBlog } from "../helpers/newsletter-fixtures";

beforeAll(() => {
  // Without SMTP_URL, queued mail is printed to the server log: keep the test output readable.
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

const addresses = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}@exemple.fr`);
const csvOf = (emails: string[]) => `${emails.join("\n")}\n`;

async function statusesOf(blogId: number) {
  const rows = await db.select({ status: subscribers.status, source: subscribers.source }).from(subscribers).where(eq(subscribers.blogId, blogId));
  return { confirmed: rows.filter((row) => row.status === "confirmed").length, pending: rows.filter((row) => row.status === "pending").length };
}
const confirmationMails = async (blogId: number) =>
  (await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.blogId, blogId), eq(emailOutbox.kind, "newsletter-confirm")))).length;

async function ageBlog(blogId: number, days: number) {
  await db.update(blogs).set({ createdAt: Date.now() - days * DAY_MS }).where(eq(blogs.id, blogId));
}

describe("importing subscribers attested as already confirmed", () => {
  it("adds a new blog's first hundred as confirmed without mail, and mails a confirmation to the rest", async () => {
    const site = await createBlog();
    const ceiling = DAILY_LIMITS.attestedSubscribers.newBlog;
    const result = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("lot", ceiling + 20)), consent: true, alreadyConfirmed: true });
    expect(result).toMatchObject({ ok: true, confirmed: ceiling, mailed: 20, attestedOverLimit: 20, overLimit: 0 });
    expect(await statusesOf(site.blog.id)).toEqual({ confirmed: ceiling, pending: 20 });
    expect(await confirmationMails(site.blog.id)).toBe(20);
    expect(importReport(result).message).toBe(
      "100 adresse(s) ajoutée(s) comme confirmées. 20 adresse(s) ajoutée(s) : chacune reçoit un e-mail de confirmation. 0 déjà présente(s), laissée(s) telle(s) quelle(s). " +
        `Vous avez atteint la limite de 100 abonnés importés comme déjà confirmés par 24 heures (blog de moins de ${NEW_BLOG_DAYS} jours) : 20 de ces adresses reçoivent donc une demande de confirmation.`,
    );

    // The ceiling is per day, not per file: a second import the same day is all mailed.
    const again = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("second", 5)), consent: true, alreadyConfirmed: true });
    expect(again).toMatchObject({ ok: true, confirmed: 0, mailed: 5, attestedOverLimit: 5 });
  });

  it("lets an established blog attest five hundred a day", async () => {
    const site = await createBlog();
    await ageBlog(site.blog.id, NEW_BLOG_DAYS + 1);
    const ceiling = DAILY_LIMITS.attestedSubscribers.established;
    const result = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("ancien", ceiling + 1)), consent: true, alreadyConfirmed: true });
    expect(result).toMatchObject({ ok: true, confirmed: ceiling, mailed: 1, attestedOverLimit: 1 });
  });

  it("counts yesterday's imports no more", async () => {
    const site = await createBlog();
    const ceiling = DAILY_LIMITS.attestedSubscribers.newBlog;
    await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("hier", ceiling)), consent: true, alreadyConfirmed: true }, Date.now() - DAY_MS - 1000);
    const today = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("aujourdhui", 10)), consent: true, alreadyConfirmed: true });
    expect(today).toMatchObject({ ok: true, confirmed: 10, mailed: 0 });
  });
});

describe("the daily ceiling of imported addresses", () => {
  it("imports a new blog's first five hundred new addresses of the day, and says the rest must wait", async () => {
    const site = await createBlog();
    const ceiling = DAILY_LIMITS.importedSubscribers.newBlog;
    const first = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("a", ceiling - 10)), consent: true, alreadyConfirmed: false });
    expect(first).toMatchObject({ ok: true, mailed: ceiling - 10, overLimit: 0 });
    // Addresses the blog already has do not count against the ceiling.
    const second = await importSubscribersAs({
      userId: site.ownerId,
      blogId: site.blog.id,
      csv: csvOf([...addresses("a", 5), ...addresses("b", 30)]),
      consent: true,
      alreadyConfirmed: false,
    });
    expect(second).toMatchObject({ ok: true, mailed: 10, existing: 5, overLimit: 20 });
    expect(importReport(second).message).toContain(`20 adresse(s) non importée(s) : 500 adresses importées par 24 heures (blog de moins de ${NEW_BLOG_DAYS} jours). Importez-les demain.`);
    expect(await statusesOf(site.blog.id)).toEqual({ confirmed: 0, pending: ceiling });

    const third = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv: csvOf(addresses("c", 3)), consent: true, alreadyConfirmed: false });
    expect(third).toMatchObject({ ok: false, problem: "daily-limit" });
    expect(importReport(third)).toEqual({
      ok: false,
      field: "fichier",
      message: `Limite atteinte pour ce blog : 500 adresses importées par 24 heures (blog de moins de ${NEW_BLOG_DAYS} jours). Réessayez plus tard.`,
    });
    expect(await confirmationMails(site.blog.id)).toBe(ceiling);
  });
});
