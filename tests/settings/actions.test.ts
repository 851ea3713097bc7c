import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { saveSettingsAction } from "@/lib/settings/actions";
import { asUser, formOf, makeSignedInTeam, takeRevalidated, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let team: TestTeam;
beforeAll(async () => {
  team = await makeSignedInTeam();
});

const settings = (blogId: number, fields: Record<string, string | string[]> = {}) =>
  formOf({ blogId: String(blogId), title: "Le verger", description: "Pommes et poires.", language: "fr", timeZone: "Europe/Paris", accentColor: "#336699", sidebarWidgets: ["archives", "newsletter"], moderation: "all", ...fields });
const titleOf = async (blogId: number) => (await db.select({ title: blogs.title }).from(blogs).where(eq(blogs.id, blogId)))[0]?.title;

describe("the settings action", () => {
  it("saves the owner's settings and expires the blog's pages", async () => {
    asUser(team.owner);
    takeRevalidated();
    expect(await saveSettingsAction(null, settings(team.blog.id))).toEqual({ ok: true, message: "Réglages enregistrés : votre blog est à jour." });
    expect(takeRevalidated().tags).toContain(`blog-slug:${team.blog.slug}`);
    expect(await titleOf(team.blog.id)).toBe("Le verger");
  });

  it("refuses an author, a stranger, someone signed out and a forged blog id, keeping what was typed", async () => {
    asUser(team.author);
    expect(await saveSettingsAction(null, settings(team.blog.id, { title: "Pris" }))).toMatchObject({ ok: false, code: "forbidden", values: { title: "Pris" } });
    asUser(team.stranger);
    expect(await saveSettingsAction(null, settings(team.blog.id, { title: "Pris" }))).toMatchObject({ ok: false, code: "not-member" });
    asUser(null);
    expect(await saveSettingsAction(null, settings(team.blog.id, { title: "Pris" }))).toMatchObject({ ok: false, code: "session", values: { title: "Pris" } });
    asUser(team.owner);
    for (const blogId of [team.strangersBlog.id, 0, Number.MAX_SAFE_INTEGER]) {
      expect(await saveSettingsAction(null, settings(blogId, { title: "Pris" }))).toMatchObject({ ok: false });
    }
    expect(await titleOf(team.blog.id)).toBe("Le verger");
    expect(await titleOf(team.strangersBlog.id)).not.toBe("Pris");
  });

  it("answers bad fields next to them and shows the ticked boxes again", async () => {
    asUser(team.owner);
    const result = await saveSettingsAction(null, settings(team.blog.id, { accentColor: "rouge", sidebarWidgets: ["archives", "publicite"] }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { accentColor: expect.any(String), sidebarWidgets: expect.any(String) }, values: { accentColor: "rouge", sidebarWidgets: "archives,publicite" } });
  });

  it("refuses an oversized form before reading it", async () => {
    asUser(team.owner);
    expect(await saveSettingsAction(null, settings(team.blog.id, { description: "d".repeat(70_000) }))).toMatchObject({ ok: false, code: "too-large" });
  });
});
