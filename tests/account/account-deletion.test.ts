import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount, handOverBlog, listAccountBlogs } from "@/lib/account/mutations";
import { collectPersonalData, streamPersonalData } from "@/lib/account/personal-data";
import { hashPassword } from "@/lib/auth/password";
import { getAccountUser } from "@/lib/auth/users";
import { checkBlogSlug } from "@/lib/blogs/mutations";
import { db } from "@/lib/db";
import { blogInvitations, blogMembers, blogs, comments, emailOutbox, posts, users } from "@/lib/db/schema";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";
import { addComment, addPost, addSubscriber, fillBlog } from "../helpers/blog-content";
import { readZipStream } from "../helpers/zip";

const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-account-")));
const PASSWORD = "un carnet bien rempli 2026";

async function personWithPassword(name: string) {
  const person = await createUser(name);
  await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, person.id));
  return person;
}

describe("what happens to a person's blogs", () => {
  it("sorts them into blogs to settle first, blogs deleted with the account and blogs simply left", async () => {
    const person = await createUser("Léonie Départ");
    const coauthor = await createUser("Camille Coauteur");
    const coowner = await createUser("Octave Copropriétaire");
    const alone = await createBlog("seule-ici", person);
    const shared = await createBlog("a-plusieurs-mains", person, [{ id: coauthor.id, role: "author" }]);
    const coowned = await createBlog("deux-proprietaires", person, [{ id: coowner.id, role: "owner" }]);
    const elsewhere = await createBlog("chez-octave", coowner, [{ id: person.id, role: "author" }]);
    const blogsOfPerson = await listAccountBlogs(person.id);
    expect(blogsOfPerson.blocking).toEqual([{ id: shared.id, slug: shared.slug, title: shared.title, successors: [{ userId: coauthor.id, name: "Camille Coauteur", email: coauthor.email }] }]);
    expect(blogsOfPerson.deletedWithAccount.map((blog) => blog.id)).toEqual([alone.id]);
    expect(blogsOfPerson.left.map((blog) => blog.id).sort()).toEqual([coowned.id, elsewhere.id].sort());
  });
});

describe("deleting an account", () => {
  it("is refused with a wrong password, and while the person alone owns a blog others write on", async () => {
    const person = await personWithPassword("Bertrand Bloqué");
    const author = await createUser("Aline Autrice");
    await createBlog("bloque-par-aline", person, [{ id: author.id, role: "author" }]);
    expect(await deleteAccount({ userId: person.id, password: "pas le bon", email: undefined }, storage)).toEqual({ ok: false, reason: "wrong-password" });
    expect(await deleteAccount({ userId: person.id, password: PASSWORD, email: undefined }, storage)).toEqual({ ok: false, reason: "blocked" });
    expect(await getAccountUser(person.id)).not.toBeNull();
  });

  it("goes through once the blog is handed over to a co-author, who then owns it", async () => {
    const person = await personWithPassword("Hélène Transmet");
    const author = await createUser("Arthur Héritier");
    const stranger = await createUser("Inconnu");
    const blog = await createBlog("heritage", person, [{ id: author.id, role: "author" }]);
    expect(await handOverBlog({ userId: stranger.id, blogId: blog.id, successorId: author.id })).toEqual({ ok: false });
    expect(await handOverBlog({ userId: person.id, blogId: blog.id, successorId: stranger.id })).toEqual({ ok: false });
    expect(await handOverBlog({ userId: person.id, blogId: blog.id, successorId: author.id })).toEqual({ ok: true, blogTitle: blog.title, successorName: "Arthur Héritier" });
    const postId = await addPost(blog.id, person.id, { slug: "mon-dernier-billet", title: "Mon dernier billet", markdown: "Au revoir." });

    const outcome = await deleteAccount({ userId: person.id, password: PASSWORD, email: undefined }, storage);
    expect(outcome).toEqual({ ok: true, removedBlogs: [] });
    expect(await getAccountUser(person.id)).toBeNull();
    const [kept] = await db.select({ ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.id, blog.id));
    expect(kept?.ownerId).toBe(author.id);
    expect(await db.select().from(blogMembers).where(eq(blogMembers.blogId, blog.id))).toEqual([expect.objectContaining({ userId: author.id, role: "owner" })]);
    // The post stays on the blog that goes on, without its author's account.
    expect(await db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, postId))).toEqual([{ authorId: null }]);
  });

  it("deletes the blogs the person alone belonged to, with their files, and tells their subscribers", async () => {
    const person = await personWithPassword("Solène Seule");
    const blog = await createBlog("solo-et-fin", person);
    const content = await fillBlog(blog, person.id, storage, "solo-");
    await db.insert(blogInvitations).values({ blogId: blog.id, email: "invite@exemple.fr", tokenHash: "h-solo", invitedBy: person.id, expiresAt: Date.now() + 60_000 });
    const outcome = await deleteAccount({ userId: person.id, password: PASSWORD, email: undefined }, storage);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.removedBlogs.map((removed) => removed.slug)).toEqual(["solo-et-fin"]);
    expect(await db.select().from(blogs).where(eq(blogs.id, blog.id))).toEqual([]);
    expect(await storage.get(content.media.inlineKey)).toBeNull();
    expect(await checkBlogSlug("solo-et-fin")).toBe("resting");
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "blog-closed"))).map((mail) => mail.toAddress).sort()).toEqual([
      "solo-lecteur@exemple.fr",
      "solo-lectrice@exemple.fr",
    ]);
  });

  it("ends every session: the account's row is gone, so no session token finds it again", async () => {
    const person = await personWithPassword("Simone Sessions");
    expect(await getAccountUser(person.id)).not.toBeNull();
    expect((await deleteAccount({ userId: person.id, password: PASSWORD, email: undefined }, storage)).ok).toBe(true);
    // lib/auth's JWT callback ends a session whose account it no longer finds.
    expect(await getAccountUser(person.id)).toBeNull();
  });

  it("asks an account without password for its address instead", async () => {
    const person = await createUser("Lien Magique");
    expect(await deleteAccount({ userId: person.id, password: "", email: "autre@exemple.fr" }, storage)).toEqual({ ok: false, reason: "wrong-email" });
    expect((await deleteAccount({ userId: person.id, password: "", email: ` ${person.email.toUpperCase()} ` }, storage)).ok).toBe(true);
  });

  it("stops checking passwords after a few wrong ones", async () => {
    const person = await personWithPassword("Devine Tout");
    for (let attempt = 0; attempt < 8; attempt += 1) {
      expect((await deleteAccount({ userId: person.id, password: `essai-${attempt}`, email: undefined }, storage)).ok).toBe(false);
    }
    expect(await deleteAccount({ userId: person.id, password: PASSWORD, email: undefined }, storage)).toEqual({ ok: false, reason: "too-many-attempts" });
    expect(await getAccountUser(person.id)).not.toBeNull();
  });
});

describe("« Télécharger mes données »", () => {
  let person: Awaited<ReturnType<typeof createUser>>;
  let otherBlog: Awaited<ReturnType<typeof createBlog>>;

  beforeAll(async () => {
    person = await createUser("Marguerite Données");
    const ownBlog = await createBlog("mes-donnees-a-moi", person);
    await addPost(ownBlog.id, person.id, { slug: "premier-pas", title: "Premier pas", markdown: "Bonjour **tout le monde**." });
    const stranger = await createUser("Voisine");
    otherBlog = await createBlog("chez-la-voisine", stranger, [{ id: person.id, role: "author" }]);
    const strangerPost = await addPost(otherBlog.id, stranger.id, { slug: "billet-de-la-voisine", title: "Le billet de la voisine", markdown: "Secret de voisine." });
    await addPost(otherBlog.id, person.id, { slug: "invitee", title: "Billet invité", markdown: "Écrit chez la voisine." });
    await addComment(otherBlog.id, strangerPost, { name: "Marguerite", email: person.email, body: "Bravo voisine !" });
    await addComment(otherBlog.id, strangerPost, { name: "Quelqu'un d'autre", email: "autre@exemple.fr", body: "Pas de Marguerite." });
    await addSubscriber(otherBlog.id, person.email);
    await addSubscriber(otherBlog.id, "autre-abonne@exemple.fr");
  });

  it("holds the account without its password hash, the blogs, posts, comments with the person's address and subscriptions", async () => {
    await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, person.id));
    const data = await collectPersonalData(person.id, Date.UTC(2026, 11, 2));
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|password_hash/);
    expect(data?.account).toMatchObject({ id: person.id, name: "Marguerite Données", email: person.email });
    expect(data?.blogs.map((blog) => [blog.address, blog.role])).toEqual([
      ["https://chez-la-voisine.carnet.test/", "author"],
      ["https://mes-donnees-a-moi.carnet.test/", "owner"],
    ]);
    expect(data?.posts.map((post) => post.title)).toEqual(["Billet invité", "Premier pas"]);
    expect(data?.comments).toEqual([expect.objectContaining({ email: person.email, text: "Bravo voisine !", post: "Le billet de la voisine" })]);
    expect(data?.newsletterSubscriptions).toEqual([expect.objectContaining({ email: person.email, blogTitle: otherBlog.title, status: "confirmed" })]);
  });

  it("is a zip of that JSON and the Markdown of the person's own posts, nobody else's", async () => {
    const stream = await streamPersonalData(person.id);
    const entries = await readZipStream(stream!);
    expect([...entries.keys()].sort()).toEqual(["articles/chez-la-voisine/invitee.md", "articles/mes-donnees-a-moi/premier-pas.md", "mes-donnees.json"]);
    expect(entries.get("articles/mes-donnees-a-moi/premier-pas.md")?.bytes.toString("utf8")).toContain("Bonjour **tout le monde**.");
    const everything = [...entries.values()].map((entry) => entry.bytes.toString("utf8")).join("\n");
    expect(everything).not.toContain("Secret de voisine");
    expect(everything).not.toContain("autre@exemple.fr");
    expect(everything).not.toContain("autre-abonne@exemple.fr");
  });

  it("keeps the person's comments readable on other blogs after the account is gone", async () => {
    const commenter = await personWithPassword("Colette Commente");
    const host = await createUser("Hôte");
    const blog = await createBlog("blog-hote", host);
    const postId = await addPost(blog.id, host.id, { slug: "accueil", title: "Accueil", markdown: "Bienvenue." });
    const commentId = await addComment(blog.id, postId, { name: "Colette", email: commenter.email, body: "Merci de l'accueil." });
    await db.update(comments).set({ authorUserId: commenter.id }).where(eq(comments.id, commentId));
    expect((await deleteAccount({ userId: commenter.id, password: PASSWORD, email: undefined }, storage)).ok).toBe(true);
    expect(await db.select({ body: comments.body, authorUserId: comments.authorUserId }).from(comments).where(eq(comments.id, commentId))).toEqual([
      { body: "Merci de l'accueil.", authorUserId: null },
    ]);
  });
});
