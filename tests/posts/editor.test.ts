import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteCategory, renameCategory, createCategory } from "@/lib/categories/mutations";
import { db } from "@/lib/db";
import { categories, media, postRevisions, posts } from "@/lib/db/schema";
import { deletePost, getPostForEditor, listPostsForAdmin, listRevisions, parseLocalDateTime, restoreRevision, savePost, type PostInput } from "@/lib/posts/mutations";
import { getPublishedPost } from "@/lib/posts/queries";
import { publishDuePosts } from "@/lib/posts/scheduler";
import { makeBlog, makeUser } from "../helpers/fixtures";

const input = (overrides: Partial<PostInput> = {}): PostInput => ({
  title: "Premier billet",
  slug: "",
  body: "## Bonjour\n\nUn texte avec « guillemets ».",
  excerpt: "",
  category: "",
  tags: "",
  scheduledFor: "",
  coverMediaId: "",
  seoTitle: "",
  seoDescription: "",
  ...overrides,
});

let owner = "";
let author = "";
let stranger = "";
let blog = { id: 0, slug: "" };
let otherBlog = { id: 0, slug: "" };

beforeAll(async () => {
  owner = await makeUser("Alice Propriétaire");
  author = await makeUser("Bruno Auteur");
  stranger = await makeUser("Chloé Étrangère");
  blog = await makeBlog(owner, [{ userId: author, role: "author" }]);
  otherBlog = await makeBlog(stranger);
});

describe("writing and publishing", () => {
  it("saves a draft that readers never see, then publishes it with a slug from its title", async () => {
    const saved = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Les réseaux d’entreprise" }), intent: "draft" });
    if (!saved.ok) throw new Error(saved.reason);
    expect(saved.status).toBe("draft");
    const [row] = await db.select({ slug: posts.slug }).from(posts).where(eq(posts.id, saved.postId));
    expect(row?.slug).toBe("les-reseaux-d-entreprise");
    expect(await getPublishedPost({ blogId: blog.id, slug: "les-reseaux-d-entreprise" })).toBeNull();

    const published = await savePost({ userId: owner, blogId: blog.id, postId: saved.postId, data: input({ title: "Les réseaux d’entreprise" }), intent: "publish" });
    expect(published.ok && published.becamePublic).toBe(true);
    const publicPost = await getPublishedPost({ blogId: blog.id, slug: "les-reseaux-d-entreprise" });
    expect(publicPost?.bodyHtml).toContain("« guillemets »");
    expect(publicPost?.excerpt).toBe("Un texte avec « guillemets ».");
  });

  it("keeps the first publication date when a published post is edited", async () => {
    const first = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Date stable" }), intent: "publish", now: 1_000_000 });
    if (!first.ok) throw new Error("not saved");
    const again = await savePost({ userId: owner, blogId: blog.id, postId: first.postId, data: input({ title: "Date stable, corrigé" }), intent: "publish", now: 2_000_000 });
    expect(again.ok && again.becamePublic).toBe(false);
    const [row] = await db.select({ publishedAt: posts.publishedAt, title: posts.title }).from(posts).where(eq(posts.id, first.postId));
    expect(row).toEqual({ publishedAt: 1_000_000, title: "Date stable, corrigé" });
  });

  it("refuses a slug another post of the blog has, and saves nothing", async () => {
    await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Doublon", slug: "meme-adresse" }), intent: "draft" });
    const before = await db.select({ id: posts.id }).from(posts).where(eq(posts.blogId, blog.id));
    const clash = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Autre", slug: "meme-adresse" }), intent: "draft" });
    expect(clash).toEqual({ ok: false, reason: "invalid", fieldErrors: { slug: "editor.slugTaken" } });
    expect(await db.select({ id: posts.id }).from(posts).where(eq(posts.blogId, blog.id))).toHaveLength(before.length);
    // The same slug on another blog is fine.
    const elsewhere = await savePost({ userId: stranger, blogId: otherBlog.id, data: input({ title: "Ailleurs", slug: "meme-adresse" }), intent: "draft" });
    expect(elsewhere.ok).toBe(true);
  });

  it("creates categories and tags on the fly", async () => {
    const saved = await savePost({ userId: author, blogId: blog.id, data: input({ title: "Classé", category: "Vie du service", tags: "VAE, alternance, VAE" }), intent: "publish" });
    if (!saved.ok) throw new Error("not saved");
    const post = await getPublishedPost({ blogId: blog.id, slug: "classe" });
    expect(post?.categoryName).toBe("Vie du service");
    expect(post?.tags.map((tag) => tag.name)).toEqual(["alternance", "VAE"]);
  });

  it("schedules a post in the blog's time zone and publishes it when its time comes", async () => {
    const at = parseLocalDateTime("2031-03-30T09:15", "Europe/Paris");
    expect(new Date(at ?? 0).toISOString()).toBe("2031-03-30T07:15:00.000Z");
    const past = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Trop tard", scheduledFor: "2020-01-01T10:00" }), intent: "schedule" });
    expect(past).toEqual({ ok: false, reason: "invalid", fieldErrors: { scheduledFor: "editor.schedulePast" } });
    const bogus = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Mauvaise date", scheduledFor: "2031-02-30T10:00" }), intent: "schedule" });
    expect(bogus).toEqual({ ok: false, reason: "invalid", fieldErrors: { scheduledFor: "editor.scheduleInvalid" } });

    const scheduled = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Programmé", scheduledFor: "2031-03-30T09:15" }), intent: "schedule" });
    expect(scheduled.ok && scheduled.status).toBe("scheduled");
    expect(await getPublishedPost({ blogId: blog.id, slug: "programme" })).toBeNull();
    expect(await publishDuePosts({ now: (at ?? 0) - 1 })).toEqual([]);
    const queued: number[] = [];
    const published = await publishDuePosts({ now: at ?? 0, afterPublish: async (_, post) => queued.push(post.postId) });
    expect(published).toHaveLength(1);
    expect(queued).toEqual([published[0]?.postId]);
    expect((await getPublishedPost({ blogId: blog.id, slug: "programme" }))?.publishedAt).toBe(at);
    expect(await publishDuePosts({ now: (at ?? 0) + 1000 })).toEqual([]);
  });

  it("keeps a revision of each save and restores an earlier one", async () => {
    const first = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Version 1", slug: "versions", body: "Texte un" }), intent: "draft" });
    if (!first.ok) throw new Error("not saved");
    await savePost({ userId: owner, blogId: blog.id, postId: first.postId, data: input({ title: "Version 2", slug: "versions", body: "Texte deux" }), intent: "draft" });
    const history = await listRevisions({ postId: first.postId, userId: owner });
    expect(history?.revisions.map((revision) => revision.title)).toEqual(["Version 2", "Version 1"]);
    const oldest = history?.revisions[1];
    expect(await restoreRevision({ userId: owner, revisionId: oldest?.id ?? 0 })).toMatchObject({ ok: true, postId: first.postId });
    const [row] = await db.select({ title: posts.title, body: posts.bodyMarkdown, html: posts.bodyHtml }).from(posts).where(eq(posts.id, first.postId));
    expect(row).toEqual({ title: "Version 1", body: "Texte un", html: "<p>Texte un</p>" });
    expect((await listRevisions({ postId: first.postId, userId: owner }))?.revisions).toHaveLength(3);
  });

  it("refuses a text too deeply nested to lay out and leaves the post as it was", async () => {
    const saved = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Imbrications", slug: "imbrications", body: "Texte sage" }), intent: "publish" });
    if (!saved.ok) throw new Error("not saved");
    const nested = `${"[".repeat(20000)}a${"]".repeat(20000)}`;
    expect(await savePost({ userId: owner, blogId: blog.id, postId: saved.postId, data: input({ title: "Imbrications", slug: "imbrications", body: nested }), intent: "publish" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { body: "editor.bodyTooComplex" },
    });
    const [row] = await db.select({ body: posts.bodyMarkdown, html: posts.bodyHtml }).from(posts).where(eq(posts.id, saved.postId));
    expect(row).toEqual({ body: "Texte sage", html: "<p>Texte sage</p>" });
    expect((await listRevisions({ postId: saved.postId, userId: owner }))?.revisions).toHaveLength(1);
  });

  it("refuses to restore a revision too deeply nested to lay out", async () => {
    const saved = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Ancienne version", slug: "ancienne-version", body: "Texte actuel" }), intent: "draft" });
    if (!saved.ok) throw new Error("not saved");
    // A revision kept from before the renderer had its limits.
    const [revision] = await db
      .insert(postRevisions)
      .values({ blogId: blog.id, postId: saved.postId, authorId: owner, title: "Ancienne version", bodyMarkdown: `${"> ".repeat(5000)}a`, excerpt: "", createdAt: Date.now() })
      .returning({ id: postRevisions.id });
    expect(await restoreRevision({ userId: owner, revisionId: revision?.id ?? 0 })).toEqual({ ok: false, reason: "too-complex" });
    const [row] = await db.select({ body: posts.bodyMarkdown }).from(posts).where(eq(posts.id, saved.postId));
    expect(row).toEqual({ body: "Texte actuel" });
  });

  it("lists the administration's posts by status and title words", async () => {
    const drafts = await listPostsForAdmin({ blogId: blog.id, status: "draft", page: 1, pageSize: 50 });
    expect(drafts.rows.every((row) => row.status === "draft")).toBe(true);
    const found = await listPostsForAdmin({ blogId: blog.id, query: "réseaux entreprise", page: 1, pageSize: 50 });
    expect(found.rows.map((row) => row.title)).toEqual(["Les réseaux d’entreprise"]);
    const wildcard = await listPostsForAdmin({ blogId: blog.id, query: "%", page: 1, pageSize: 50 });
    expect(wildcard.total).toBe(0);
  });
});

describe("who may do what", () => {
  it("never lets a blogger read or change another blog's posts, even with forged ids", async () => {
    const secret = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Brouillon secret" }), intent: "draft" });
    if (!secret.ok) throw new Error("not saved");
    expect(await getPostForEditor({ postId: secret.postId, userId: stranger })).toBeNull();
    expect(await listRevisions({ postId: secret.postId, userId: stranger })).toBeNull();
    expect(await savePost({ userId: stranger, blogId: blog.id, postId: secret.postId, data: input({ title: "Piraté" }), intent: "publish" })).toEqual({ ok: false, reason: "forbidden" });
    // Their own blog id with someone else's post id: the post is not found in their blog.
    expect(await savePost({ userId: stranger, blogId: otherBlog.id, postId: secret.postId, data: input({ title: "Piraté" }), intent: "publish" })).toEqual({ ok: false, reason: "not-found" });
    expect(await savePost({ userId: stranger, blogId: blog.id, data: input({ title: "Intrus" }), intent: "publish" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await deletePost({ userId: stranger, postId: secret.postId })).toBeNull();
    const revisionId = (await listRevisions({ postId: secret.postId, userId: owner }))?.revisions[0]?.id ?? 0;
    expect(await restoreRevision({ userId: stranger, revisionId })).toEqual({ ok: false, reason: "forbidden" });
    const [row] = await db.select({ title: posts.title, status: posts.status }).from(posts).where(eq(posts.id, secret.postId));
    expect(row).toEqual({ title: "Brouillon secret", status: "draft" });
  });

  it("lets an author edit their own posts but not another author's; the owner edits all", async () => {
    const ownersPost = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Billet d'Alice" }), intent: "draft" });
    const authorsPost = await savePost({ userId: author, blogId: blog.id, data: input({ title: "Billet de Bruno" }), intent: "draft" });
    if (!ownersPost.ok || !authorsPost.ok) throw new Error("not saved");
    expect(await getPostForEditor({ postId: ownersPost.postId, userId: author })).toBeNull();
    expect(await savePost({ userId: author, blogId: blog.id, postId: ownersPost.postId, data: input({ title: "Modifié par Bruno" }), intent: "draft" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await deletePost({ userId: author, postId: ownersPost.postId })).toBeNull();
    expect((await savePost({ userId: author, blogId: blog.id, postId: authorsPost.postId, data: input({ title: "Bruno corrige" }), intent: "draft" })).ok).toBe(true);
    expect((await savePost({ userId: owner, blogId: blog.id, postId: authorsPost.postId, data: input({ title: "Alice relit" }), intent: "draft" })).ok).toBe(true);
    expect(await deletePost({ userId: owner, postId: authorsPost.postId })).toEqual({ blogId: blog.id, wasPublic: false });
  });

  it("takes a cover image only from the blog's own media, and shows it with the post", async () => {
    const [theirs] = await db.insert(media).values({ blogId: otherBlog.id, storageKey: `autre-${Date.now()}.png`, mimeType: "image/png", byteSize: 10, alt: "Pas à vous" }).returning({ id: media.id });
    const [ours] = await db.insert(media).values({ blogId: blog.id, storageKey: `notre-${Date.now()}.png`, mimeType: "image/png", byteSize: 10, width: 4, height: 3, alt: "Notre image" }).returning({ id: media.id });
    const refused = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Couverture volée", coverMediaId: String(theirs?.id) }), intent: "publish" });
    expect(refused).toEqual({ ok: false, reason: "invalid", fieldErrors: { coverMediaId: "forms.invalid" } });
    const saved = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Avec couverture", coverMediaId: String(ours?.id) }), intent: "publish" });
    expect(saved.ok).toBe(true);
    const post = await getPublishedPost({ blogId: blog.id, slug: "avec-couverture" });
    expect(post?.cover).toEqual({ url: expect.stringMatching(/^\/medias\/notre-\d+\.png$/), alt: "Notre image", width: 4, height: 3 });
  });

  it("keeps another blog's categories out of reach, and keeps posts when a category goes", async () => {
    expect(await createCategory({ userId: owner, blogId: blog.id, name: "Pédagogie" })).toEqual({ ok: true, blogId: blog.id });
    expect(await createCategory({ userId: owner, blogId: blog.id, name: "pédagogie" })).toEqual({ ok: false, reason: "exists" });
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, "pedagogie"));
    const categoryId = category?.id ?? 0;
    expect(await renameCategory({ userId: stranger, blogId: blog.id, categoryId, name: "Volé" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await renameCategory({ userId: stranger, blogId: otherBlog.id, categoryId, name: "Volé" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await deleteCategory({ userId: stranger, blogId: otherBlog.id, categoryId })).toEqual({ ok: false, reason: "forbidden" });
    const filed = await savePost({ userId: owner, blogId: blog.id, data: input({ title: "Rangé", category: "Pédagogie" }), intent: "publish" });
    if (!filed.ok) throw new Error("not saved");
    expect(await deleteCategory({ userId: owner, blogId: blog.id, categoryId })).toEqual({ ok: true, blogId: blog.id });
    const post = await getPublishedPost({ blogId: blog.id, slug: "range" });
    expect(post?.categoryName).toBeNull();
    expect(post?.title).toBe("Rangé");
  });
});
