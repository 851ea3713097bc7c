import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createCategoryAction, deleteCategoryAction, renameCategoryAction } from "@/lib/categories/actions";
import { db } from "@/lib/db";
import { categories } from "@/lib/db/schema";
import { asUser, formOf, makeSignedInTeam, takeRevalidated, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let team: TestTeam;
beforeAll(async () => {
  team = await makeSignedInTeam();
});

const categoryNamed = async (name: string) => (await db.select({ id: categories.id, blogId: categories.blogId }).from(categories).where(eq(categories.name, name)))[0];

describe("the categories' actions", () => {
  it("let an author create, rename and delete a category of their blog, revalidating its listings", async () => {
    asUser(team.author);
    takeRevalidated();
    expect(await createCategoryAction(null, formOf({ blogId: String(team.blog.id), name: "Randonnées" }))).toEqual({ ok: true, message: "Catégorie enregistrée." });
    expect(takeRevalidated().tags).toEqual([`blog-posts:${team.blog.id}`]);
    const created = await categoryNamed("Randonnées");
    expect(await renameCategoryAction(null, formOf({ blogId: String(team.blog.id), categoryId: String(created!.id), name: "Balades" }))).toMatchObject({ ok: true });
    expect(await deleteCategoryAction(null, formOf({ blogId: String(team.blog.id), categoryId: String(created!.id) }))).toMatchObject({ ok: true });
    expect(await categoryNamed("Balades")).toBeUndefined();
  });

  it("refuse a stranger, someone signed out, and a category id of another blog", async () => {
    asUser(team.owner);
    await createCategoryAction(null, formOf({ blogId: String(team.blog.id), name: "Cuisine" }));
    const cuisine = await categoryNamed("Cuisine");
    asUser(team.stranger);
    expect(await createCategoryAction(null, formOf({ blogId: String(team.blog.id), name: "Spam" }))).toMatchObject({ ok: false, code: "not-member", values: { name: "Spam" } });
    // Their own blog's id with the victim's category id: nothing of the victim's blog changes.
    expect(await renameCategoryAction(null, formOf({ blogId: String(team.strangersBlog.id), categoryId: String(cuisine!.id), name: "Piraté" }))).toMatchObject({ ok: false });
    expect(await deleteCategoryAction(null, formOf({ blogId: String(team.strangersBlog.id), categoryId: String(cuisine!.id) }))).toMatchObject({ ok: false });
    asUser(null);
    expect(await deleteCategoryAction(null, formOf({ blogId: String(team.blog.id), categoryId: String(cuisine!.id) }))).toMatchObject({ ok: false, code: "session" });
    expect(await categoryNamed("Cuisine")).toEqual({ id: cuisine!.id, blogId: team.blog.id });
  });
});
