import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { checkBlogSlugAvailability, createMyBlog } from "@/lib/blogs/actions";
import { db } from "@/lib/db";
import { blogMembers, blogs, emailOutbox, users } from "@/lib/db/schema";
import { asUser, formOf, makeSignedInUser, redirectOf, takeRevalidated, type TestAccount } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

// « Créer mon blog » called as the browser calls it. Signed out, it answers the same whether the e-mail
// has an account or not, and signs nobody in: the mailed link proves the address and opens the blog.

let member: TestAccount;
let memberEmail = "";
beforeAll(async () => {
  member = await makeSignedInUser("Hélène Habituée");
  memberEmail = (await db.select({ email: users.email }).from(users).where(eq(users.id, member.userId)))[0]!.email!;
});

const form = (fields: Record<string, string>) => formOf({ title: "Carnet de voyage", slug: "", description: "", language: "fr", name: "Zoé", email: "", password: "une phrase de passe solide", ...fields });
const blogNamed = async (slug: string) => (await db.select({ id: blogs.id, ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.slug, slug)))[0];
const mailsTo = async (to: string, kind: string) => db.select({ text: emailOutbox.textBody }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, kind)));

describe("« Créer mon blog » signed out", () => {
  it("gives the same answer for a new address and for one that has an account, and signs nobody in", async () => {
    asUser(null, { "x-carnet-client": "192.0.2.30" });
    const fresh = await createMyBlog(null, form({ slug: "carnet-de-zoe", email: "zoe@example.org" }));
    const taken = await createMyBlog(null, form({ slug: "carnet-de-zoe-bis", email: memberEmail }));
    const message = (email: string) => `C'est presque fini : un message vient d'être envoyé à ${email}. Suivez son lien pour confirmer votre adresse et ouvrir l'administration de votre blog. Si cette adresse a déjà un compte Carnet, le message explique comment vous connecter.`;
    expect(fresh).toEqual({ ok: true, message: message("zoe@example.org") });
    expect(taken).toEqual({ ok: true, message: message(memberEmail) });
  });

  it("opens the new account's blog, unproved, and mails the link that proves the address and leads to the blog", async () => {
    const [zoe] = await db.select({ id: users.id, verified: users.emailVerified, password: users.passwordHash }).from(users).where(eq(users.email, "zoe@example.org"));
    expect(zoe?.verified).toBeNull();
    expect((await blogNamed("carnet-de-zoe"))?.ownerId).toBe(zoe!.id);
    const [mail] = await mailsTo("zoe@example.org", "verify-address");
    expect(mail?.text).toContain("https://carnet.test/compte/verifier?jeton=");
    expect(mail?.text).toContain(encodeURIComponent("/admin/carnet-de-zoe/articles?nouveau=1"));
  });

  it("creates nothing in another person's account, and tells that person instead", async () => {
    expect(await blogNamed("carnet-de-zoe-bis")).toBeUndefined();
    expect(await db.select().from(blogMembers).where(eq(blogMembers.userId, member.userId))).toEqual([]);
    expect(await mailsTo(memberEmail, "account-exists")).toHaveLength(1);
  });

  it("still says which fields to fix, the blog's address among them, keeping what was typed", async () => {
    asUser(null, { "x-carnet-client": "192.0.2.31" });
    const result = await createMyBlog(null, form({ slug: "carnet-de-zoe", email: "autre@example.org", password: "court" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { slug: "Cette adresse est déjà prise : choisissez-en une autre.", password: expect.any(String) }, values: { email: "autre@example.org", title: "Carnet de voyage" } });
    expect(await createMyBlog(null, form({ slug: "gros", description: "x".repeat(70_000) }))).toMatchObject({ ok: false, code: "too-large" });
  });
});

describe("« Créer mon blog » signed in", () => {
  it("opens the blog for the account and lands in its administration, expiring the address's cached page", async () => {
    asUser(member);
    takeRevalidated();
    expect(await redirectOf(createMyBlog(null, form({ slug: "carnet-d-helene", name: "", email: "", password: "" })))).toBe("/admin/carnet-d-helene/articles?nouveau=1");
    expect((await blogNamed("carnet-d-helene"))?.ownerId).toBe(member.userId);
    expect(takeRevalidated().tags).toEqual(["blog-slug:carnet-d-helene"]);
  });

  it("checks an address as it is typed", async () => {
    asUser(null, { "x-carnet-client": "192.0.2.32" });
    expect(await checkBlogSlugAvailability("carnet-d-helene")).toEqual({ ok: true, status: "taken", message: "Cette adresse est déjà prise : choisissez-en une autre." });
    expect(await checkBlogSlugAvailability("www")).toMatchObject({ ok: true, status: "reserved" });
    expect(await checkBlogSlugAvailability({ slug: "x" } as never)).toMatchObject({ ok: false });
  });
});
