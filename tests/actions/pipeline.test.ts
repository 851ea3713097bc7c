import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { blogAction, publicAction, userAction } from "@/lib/actions/pipeline";
import { can } from "@/lib/permissions";
import { makeBlog } from "../helpers/fixtures";
import { asUser, makeSignedInUser, redirectOf, takeRevalidated, type TestAccount } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let owner: TestAccount;
let author: TestAccount;
let stranger: TestAccount;
let blog = { id: 0, slug: "" };
let strangersBlog = { id: 0, slug: "" };

beforeAll(async () => {
  [owner, author, stranger] = await Promise.all([makeSignedInUser("Odile Propriétaire"), makeSignedInUser("Anatole Auteur"), makeSignedInUser("Séverine Inconnue")]);
  blog = await makeBlog(owner.userId, [{ userId: author.userId, role: "author" }]);
  strangersBlog = await makeBlog(stranger.userId);
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

/** An action that records what reached its work, and says which tags it touched. */
function probe(permission: "settings.edit" | "blog.view" = "blog.view") {
  const reached: unknown[] = [];
  const action = blogAction({
    schema: z.object({ blogId: z.coerce.number().int().positive(), note: z.string().max(100) }),
    keep: ["note"],
    permission,
    maxBytes: 4096,
    run: async ({ input, member }) => {
      reached.push({ input, role: member.role });
      return { ok: true, message: "Fait.", tags: [`blog-posts:${member.id}`] };
    },
  });
  return { action, reached };
}

describe("the guard of every blog write", () => {
  it("runs the work for a member, then revalidates the tags it returned", async () => {
    const { action, reached } = probe();
    asUser(author);
    takeRevalidated();
    const result = await action(null, form({ blogId: String(blog.id), note: "Bonjour" }));
    expect(result).toEqual({ ok: true, message: "Fait." });
    expect(reached).toEqual([{ input: { blogId: blog.id, note: "Bonjour" }, role: "author" }]);
    expect(takeRevalidated().tags).toEqual([`blog-posts:${blog.id}`]);
  });

  it("asks someone with no session to sign in again, keeping what they typed, and never runs the work", async () => {
    const { action, reached } = probe();
    asUser(null);
    const result = await action(null, form({ blogId: String(blog.id), note: "Mon texte" }));
    expect(result).toMatchObject({ ok: false, code: "session", values: { note: "Mon texte" } });
    expect(!result.ok && result.error).toContain("session a expiré");
    expect(reached).toEqual([]);
  });

  it("refuses a signed-in stranger, and a member who forges another blog's id", async () => {
    const { action, reached } = probe();
    asUser(stranger);
    expect(await action(null, form({ blogId: String(blog.id), note: "" }))).toMatchObject({ ok: false, code: "not-member", error: "Vous n'avez pas le droit de faire cela sur ce blog." });
    asUser(owner);
    expect(await action(null, form({ blogId: String(strangersBlog.id), note: "" }))).toMatchObject({ ok: false, code: "not-member" });
    expect(await action(null, form({ blogId: "1e308", note: "" }))).toMatchObject({ ok: false });
    expect(reached).toEqual([]);
    expect(takeRevalidated().tags).toEqual([]);
  });

  it("refuses an author what only owners may do", async () => {
    const { action, reached } = probe("settings.edit");
    asUser(author);
    expect(await action(null, form({ blogId: String(blog.id), note: "" }))).toMatchObject({ ok: false, code: "forbidden" });
    asUser(owner);
    expect(await action(null, form({ blogId: String(blog.id), note: "" }))).toMatchObject({ ok: true });
    expect(reached).toHaveLength(1);
  });

  it("refuses an oversized form before parsing it, with a message that says the limit", async () => {
    const { action, reached } = probe();
    asUser(owner);
    const result = await action(null, form({ blogId: String(blog.id), note: "x".repeat(5000) }));
    expect(result).toMatchObject({ ok: false, code: "too-large" });
    expect(!result.ok && result.error).toBe("Ce que vous avez envoyé est trop volumineux : 4 Ko au plus. Ce que vous avez saisi est conservé.");
    const manyFields = new FormData();
    for (let i = 0; i < 1000; i += 1) manyFields.append(`champ${i}`, "");
    expect(await action(null, manyFields)).toMatchObject({ ok: false, code: "too-large" });
    expect(reached).toEqual([]);
  });

  it("answers field by field in French when the form does not match its schema", async () => {
    const { action, reached } = probe();
    asUser(owner);
    const result = await action(null, form({ blogId: String(blog.id), note: "y".repeat(101) }));
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { note: "C'est trop long : 100 caractères au plus." }, values: { note: "y".repeat(101) } });
    expect(reached).toEqual([]);
  });

  it("refuses deeply nested or oversized values sent to an action that takes one value", async () => {
    const reached: unknown[] = [];
    const action = userAction({
      schema: z.object({ text: z.string() }),
      run: async ({ input }) => {
        reached.push(input);
        return { ok: true };
      },
    });
    asUser(owner);
    let nested: unknown = { text: "a" };
    for (let i = 0; i < 50; i += 1) nested = { inner: nested };
    expect(await action(nested as { text: string })).toMatchObject({ ok: false, code: "invalid" });
    expect(await action({ text: "é".repeat(40_000) })).toMatchObject({ ok: false, code: "too-large" });
    expect(await action({ text: "court" })).toEqual({ ok: true });
    expect(reached).toEqual([{ text: "court" }]);
  });

  it("goes where the work says once it is done, and turns a refusal into a redirect for forms without a result", async () => {
    const action = blogAction({
      schema: z.object({ blogId: z.coerce.number().int().positive() }),
      permission: "blog.view",
      redirectOnRefusal: (refusal) => `/admin?erreur=${refusal.code}`,
      run: async () => ({ ok: true, redirectTo: "/admin/fait" }),
    });
    asUser(owner);
    expect(await redirectOf(action(form({ blogId: String(blog.id) })))).toBe("/admin/fait");
    asUser(stranger);
    expect(await redirectOf(action(form({ blogId: String(blog.id) })))).toBe("/admin?erreur=not-member");
    asUser(null);
    expect(await redirectOf(action(form({ blogId: String(blog.id) })))).toBe("/admin?erreur=session");
  });

  it("rate-limits a reader's writes per client address", async () => {
    const action = publicAction({
      schema: z.object({ email: z.string() }),
      rateLimit: { name: "essai-public", limit: 2, windowMs: 60_000 },
      run: async () => ({ ok: true }),
    });
    asUser(null, { "x-forwarded-for": "203.0.113.7" });
    expect(await action(null, form({ email: "a@example.org" }))).toEqual({ ok: true });
    expect(await action(null, form({ email: "a@example.org" }))).toEqual({ ok: true });
    expect(await action(null, form({ email: "a@example.org" }))).toMatchObject({ ok: false, code: "rate-limited", error: "Trop de tentatives : réessayez dans quelques minutes." });
  });
});

describe("the permissions of a blog", () => {
  const ownerOf1 = { userId: "o", blogId: 1, role: "owner" as const };
  const authorOf1 = { userId: "a", blogId: 1, role: "author" as const };

  it("lets owners do everything in their blog, and nobody anything in another blog", () => {
    expect(can(ownerOf1, "settings.edit")).toBe(true);
    expect(can(ownerOf1, "post.edit", { blogId: 1, authorId: "a" })).toBe(true);
    expect(can(ownerOf1, "post.edit", { blogId: 2, authorId: "o" })).toBe(false);
    expect(can(null, "blog.view")).toBe(false);
  });

  it("lets authors edit their own posts and images only, and keeps settings, team, subscribers and deletions for owners", () => {
    expect(can(authorOf1, "post.create")).toBe(true);
    expect(can(authorOf1, "post.edit", { blogId: 1, authorId: "a" })).toBe(true);
    expect(can(authorOf1, "post.edit", { blogId: 1, authorId: "o" })).toBe(false);
    expect(can(authorOf1, "post.edit", { blogId: 1, authorId: null })).toBe(false);
    expect(can(authorOf1, "media.edit", { blogId: 1, authorId: "a" })).toBe(true);
    expect(can(authorOf1, "comment.moderate")).toBe(true);
    for (const ownersOnly of ["settings.edit", "team.manage", "subscribers.manage", "comment.delete", "outbox.view"] as const) {
      expect(can(authorOf1, ownersOnly)).toBe(false);
    }
  });
});
