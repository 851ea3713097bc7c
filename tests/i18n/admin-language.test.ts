import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DAY_MS, limitReachedMessage } from "@/lib/abuse/limits";
import { blogAction } from "@/lib/actions/pipeline";
import { deleteBlogAction } from "@/lib/blogs/actions";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { importReport } from "@/lib/newsletter/import-report";
import { revokeInvitation } from "@/lib/team/mutations";
import { asUser, formOf as form, makeSignedInTeam, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

const MESSAGES = path.join(process.cwd(), "lib/i18n/messages");

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

const catalogue = (language: string, file: string): unknown => JSON.parse(readFileSync(path.join(MESSAGES, language, file), "utf8"));

describe("the catalogues", () => {
  const files = readdirSync(path.join(MESSAGES, "fr")).sort();

  it("hold the same features in French and English", () => {
    expect(readdirSync(path.join(MESSAGES, "en")).sort()).toEqual(files);
  });

  it.each(files)("give every French string of %s an English one", (file) => {
    expect(keysOf(catalogue("en", file)).sort()).toEqual(keysOf(catalogue("fr", file)).sort());
  });
});

describe("a blog's administration speaks the blog's language", () => {
  // The same team twice: a blog in French, and a blog in English.
  let french: TestTeam;
  let english: TestTeam;

  beforeAll(async () => {
    [french, english] = await Promise.all([makeSignedInTeam(), makeSignedInTeam()]);
    await db.update(blogs).set({ language: "en" }).where(eq(blogs.id, english.blog.id));
  });

  const ownersOnly = blogAction({
    schema: z.object({ blogId: z.coerce.number().int().positive() }),
    permission: "settings.edit",
    run: async ({ t }) => ({ ok: true, message: t("editor.savedDraft") }),
  });

  it("refuses an author what only owners may do, in English on the English blog and in French on the French one", async () => {
    asUser(english.author);
    expect(await ownersOnly(null, form({ blogId: String(english.blog.id) }))).toMatchObject({ ok: false, code: "forbidden", error: "You are not allowed to do that on this blog." });
    asUser(french.author);
    expect(await ownersOnly(null, form({ blogId: String(french.blog.id) }))).toMatchObject({ ok: false, code: "forbidden", error: "Vous n'avez pas le droit de faire cela sur ce blog." });
  });

  it("hands the work a translator in the blog's language", async () => {
    asUser(english.owner);
    expect(await ownersOnly(null, form({ blogId: String(english.blog.id) }))).toEqual({ ok: true, message: "Draft saved." });
    asUser(french.owner);
    expect(await ownersOnly(null, form({ blogId: String(french.blog.id) }))).toEqual({ ok: true, message: "Brouillon enregistré." });
  });

  it("answers the team page's owner in the blog's language", async () => {
    const gone = { invitationId: 987_654 };
    expect(await revokeInvitation({ userId: english.owner.userId, blogId: english.blog.id, ...gone })).toMatchObject({ ok: false, error: "This invitation no longer exists." });
    expect(await revokeInvitation({ userId: french.owner.userId, blogId: french.blog.id, ...gone })).toMatchObject({ ok: false, error: "Cette invitation n'existe plus." });
  });

  it("says that the session has expired in the language of the blog the form belongs to", async () => {
    asUser(null);
    expect(await ownersOnly(null, form({ blogId: String(english.blog.id) }))).toMatchObject({ ok: false, code: "session", error: "Your session has expired: sign in again, what you typed is kept." });
    expect(await ownersOnly(null, form({ blogId: String(french.blog.id) }))).toMatchObject({ ok: false, code: "session", error: "Votre session a expiré : reconnectez-vous, ce que vous avez saisi est conservé." });
    // A form that names no blog, or one that does not exist, is answered in the platform's French.
    expect(await ownersOnly(null, form({ blogId: "999999" }))).toMatchObject({ ok: false, error: expect.stringContaining("session a expiré") });
  });

  it("names the fields to fix in the blog's language, before the membership is even checked", async () => {
    const withNote = blogAction({
      schema: z.object({ blogId: z.coerce.number().int().positive(), note: z.string().min(1) }),
      permission: "blog.view",
      run: async () => ({ ok: true }),
    });
    asUser(english.author);
    expect(await withNote(null, form({ blogId: String(english.blog.id), note: "" }))).toMatchObject({ ok: false, code: "invalid", error: "Fix the fields marked below and try again.", fieldErrors: { note: "This field is required." } });
    asUser(french.author);
    expect(await withNote(null, form({ blogId: String(french.blog.id), note: "" }))).toMatchObject({ ok: false, code: "invalid", error: "Corrigez les champs signalés puis réessayez." });
  });

  it("says in English, when deleting the English blog, that the typed address is not the blog's", async () => {
    asUser(english.owner);
    expect(await deleteBlogAction(null, form({ blogId: String(english.blog.id), address: "pas-la-bonne-adresse" }))).toMatchObject({
      ok: false,
      error: "Fix the fields marked below and try again.",
      fieldErrors: { address: expect.stringMatching(/^The address typed is not the blog's: type .+ to confirm\.$/) },
    });
    asUser(french.owner);
    expect(await deleteBlogAction(null, form({ blogId: String(french.blog.id), address: "pas-la-bonne-adresse" }))).toMatchObject({
      ok: false,
      error: "Corrigez les champs signalés puis réessayez.",
      fieldErrors: { address: expect.stringMatching(/^L'adresse tapée ne correspond pas à celle du blog : tapez .+ pour confirmer\.$/) },
    });
  });
});

describe("the administration's reports in English", () => {
  const opened = Date.parse("2026-03-02T10:00:00Z");
  const established = opened + 30 * DAY_MS;

  it("says a subscriber import's outcome in English for an English blog, and in French otherwise", () => {
    const outcome = {
      ok: true as const,
      invalid: [{ line: 4, value: "pas-une-adresse" }],
      blogCreatedAt: opened,
      confirmed: 0,
      mailed: 2,
      attestedOverLimit: 0,
      existing: 1,
      overLimit: 0,
    };
    expect(importReport(outcome, established, "en").message).toBe(
      "2 addresses added: each gets a confirmation e-mail. 1 already there, left as they were. Lines skipped (invalid address): 4 (pas-une-adresse).",
    );
    expect(importReport(outcome, established).message).toBe(
      "2 adresse(s) ajoutée(s) : chacune reçoit un e-mail de confirmation. 1 déjà présente(s), laissée(s) telle(s) quelle(s). Lignes ignorées (adresse non valide) : 4 (pas-une-adresse).",
    );
  });

  it("says a new blog's daily ceiling in English", () => {
    expect(limitReachedMessage("uploads", opened, opened + DAY_MS, "en")).toBe("Limit reached for this blog: 30 images uploaded per 24 hours (blog less than 7 days old). Try again later.");
    expect(limitReachedMessage("importedSubscribers", opened, established, "en")).toBe("Limit reached for this blog: 5,000 addresses imported per 24 hours. Try again later.");
  });
});
