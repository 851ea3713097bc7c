import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { platformSignInLink } from "@/lib/auth";
import { createAccount, setPassword } from "@/lib/auth/mutations";
import { endAllSessions, getAccountUser, verifyAddressOnFirstLinkSignIn } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { emailOutbox, posts, users } from "@/lib/db/schema";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { inviteMember } from "@/lib/team/mutations";
import { createBlog as createTeamBlog, createUser } from "../helpers/admin-fixtures";
import { addSubscribers, createBlog, createDraft } from "../helpers/newsletter-fixtures";

async function accountRow(id: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash, emailVerified: users.emailVerified, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, id));
  return row;
}

describe("proving an address", () => {
  it("takes away the password set before the first sign-in by link, and ends every other session", async () => {
    const created = await createAccount({ name: "Intrus", email: "preinscrite@exemple.fr", password: "le mot de passe de l'intrus" });
    if (!created) throw new Error("not created");
    const before = await accountRow(created.id);
    expect(before?.passwordHash).toBeTruthy();
    expect(before?.emailVerified).toBeNull();

    expect(await verifyAddressOnFirstLinkSignIn("preinscrite@exemple.fr")).toBe(true);
    const after = await accountRow(created.id);
    expect(after?.passwordHash).toBeNull();
    expect(after?.emailVerified).toBeInstanceOf(Date);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);

    // Later sign-ins by link leave the password its owner chose since then, and the sessions, alone.
    await setPassword(created.id, "la phrase de la vraie titulaire");
    const chosen = await accountRow(created.id);
    expect(await verifyAddressOnFirstLinkSignIn("preinscrite@exemple.fr")).toBe(true);
    expect(await accountRow(created.id)).toEqual(chosen);
  });

  it("signs nobody in by link at an address without an account", async () => {
    expect(await verifyAddressOnFirstLinkSignIn("personne-ici@exemple.fr")).toBe(false);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, "personne-ici@exemple.fr"))).toEqual([]);
  });

  it("ends every session of an account at sign-out", async () => {
    const created = await createAccount({ name: "Sortie", email: "sortie@exemple.fr", password: "une phrase de passe solide" });
    if (!created) throw new Error("not created");
    const before = await getAccountUser(created.id);
    await endAllSessions(created.id);
    expect((await getAccountUser(created.id))?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
  });
});

describe("the mailed sign-in link", () => {
  it("is rebuilt on the platform's address, keeping only its query", () => {
    const asked = "https://evil.example/api/auth/callback/email?callbackUrl=https%3A%2F%2Fevil.example%2Fadmin&token=abc123&email=claire%40exemple.fr";
    const mailed = new URL(platformSignInLink(asked));
    expect(mailed.origin).toBe("https://carnet.test");
    expect(mailed.pathname).toBe("/api/auth/callback/email");
    expect(mailed.searchParams.get("token")).toBe("abc123");
    expect(mailed.searchParams.get("email")).toBe("claire@exemple.fr");
  });
});

describe("what Carnet sends on behalf of an unproved address", () => {
  it("mails no newsletter for a post published while no owner of the blog has proved an address", async () => {
    const { blog, ownerId } = await createBlog({ title: "Carnet pas encore confirmé" });
    await db.update(users).set({ emailVerified: null }).where(eq(users.id, ownerId));
    await addSubscribers(blog.id, 3, "confirmed", "lectrice");
    const draft = await createDraft(blog.id, { title: "Premier billet", markdown: "Bonjour à toutes et à tous." });
    const at = Date.now();
    const queued = await db.transaction(async (tx) => {
      await tx.update(posts).set({ status: "published", publishedAt: at, updatedAt: at }).where(eq(posts.id, draft));
      return queuePostForSubscribers(tx, { blogId: blog.id, postId: draft, now: at });
    });
    expect(queued).toBe(0);
    expect(await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.blogId, blog.id))).toEqual([]);

    // Once the owner has proved the address, the next post goes out.
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, ownerId));
    const next = await createDraft(blog.id, { title: "Deuxième billet", markdown: "Me revoilà." });
    const queuedNext = await db.transaction(async (tx) => {
      await tx.update(posts).set({ status: "published", publishedAt: at, updatedAt: at }).where(eq(posts.id, next));
      return queuePostForSubscribers(tx, { blogId: blog.id, postId: next, now: at });
    });
    expect(queuedNext).toBe(3);
  });

  it("sends no team invitation from an owner whose address is not proved", async () => {
    const owner = await createUser("Olga Pasconfirmée");
    await db.update(users).set({ emailVerified: null }).where(eq(users.id, owner.id));
    const blog = await createTeamBlog("carnet-d-olga", owner);
    const result = await inviteMember({ userId: owner.id, blogId: blog.id, email: "invitee@exemple.fr", role: "author" });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("Confirmez d'abord votre adresse e-mail") });
    expect(await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.toAddress, "invitee@exemple.fr"))).toEqual([]);
  });
});
