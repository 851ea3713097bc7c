import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { blogPostsTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { media, posts } from "@/lib/db/schema";
import { deleteMedia, updateMediaAlt, uploadMedia } from "@/lib/media/mutations";
import { getManageableMedia, getMediaToServe, listMediaForBlog, listMediaLibrary } from "@/lib/media/queries";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";

const root = mkdtempSync(join(tmpdir(), "carnet-medias-"));
const storage = fileSystemMediaStorage(root);
const storedFiles = () => readdirSync(root, { recursive: true }).filter((name) => String(name).includes("."));

const png = (colour: string, width = 120, height = 80) => sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();

let owner: Awaited<ReturnType<typeof createUser>>;
let author: Awaited<ReturnType<typeof createUser>>;
let otherAuthor: Awaited<ReturnType<typeof createUser>>;
let stranger: Awaited<ReturnType<typeof createUser>>;
let blog: Awaited<ReturnType<typeof createBlog>>;
let strangersBlog: Awaited<ReturnType<typeof createBlog>>;

beforeAll(async () => {
  owner = await createUser("Odile Propriétaire");
  author = await createUser("Anatole Auteur");
  otherAuthor = await createUser("Bérénice Autrice");
  stranger = await createUser("Sébastien Inconnu");
  blog = await createBlog("carnet-de-voyage", owner, [
    { id: author.id, role: "author" },
    { id: otherAuthor.id, role: "author" },
  ]);
  strangersBlog = await createBlog("carnet-etranger", stranger);
});

async function upload(userId: string, blogId: number, bytes: Uint8Array, alt = "") {
  return uploadMedia({ userId, blogId, bytes, alt }, storage);
}

describe("uploading", () => {
  it("stores an author's image with its dimensions and alt text, and lists it for the blog", async () => {
    const result = await upload(author.id, blog.id, await png("#c0392b"), "Un coucher de soleil sur la Loire");
    expect(result).toMatchObject({ ok: true, duplicate: false });
    const items = await listMediaForBlog(blog.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alt: "Un coucher de soleil sur la Loire", width: 120, height: 80, mimeType: "image/png" });
    expect(items[0]?.url).toMatch(/^\/medias\/[a-f0-9]{32}\.png$/);
    expect(await storage.get(items[0]!.url.slice("/medias/".length))).not.toBeNull();
  });

  it("gives back the existing medium when the same image is sent again", async () => {
    const bytes = await png("#16a085");
    const first = await upload(owner.id, blog.id, bytes);
    const second = await upload(owner.id, blog.id, bytes);
    expect(first.ok && second.ok && second.duplicate && second.mediaId === first.mediaId).toBe(true);
  });

  it("refuses an SVG, a disguised text file and a too long alt text, storing nothing", async () => {
    const before = storedFiles().length;
    const count = (await listMediaForBlog(blog.id)).length;
    expect(await upload(owner.id, blog.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ ok: false, problem: "svg" });
    expect(await upload(owner.id, blog.id, Buffer.from("ceci n'est pas une image.png"))).toEqual({ ok: false, problem: "unsupportedType" });
    expect(await upload(owner.id, blog.id, await png("#8e44ad"), "x".repeat(301))).toEqual({ ok: false, problem: "altTooLong" });
    expect(storedFiles()).toHaveLength(before);
    expect(await listMediaForBlog(blog.id)).toHaveLength(count);
  });

  it("refuses a blogger who is not a member of the blog named in the request", async () => {
    const before = storedFiles().length;
    expect(await upload(stranger.id, blog.id, await png("#2c3e50"))).toEqual({ ok: false, problem: "forbidden" });
    expect(await upload(owner.id, strangersBlog.id, await png("#2c3e50"))).toEqual({ ok: false, problem: "forbidden" });
    expect(storedFiles()).toHaveLength(before);
    expect(await listMediaForBlog(strangersBlog.id)).toHaveLength(0);
  });
});

describe("reading another blog's media", () => {
  it("gives the library to members only", async () => {
    expect(await listMediaLibrary({ userId: stranger.id, blogId: blog.id, page: 1, pageSize: 10 })).toBeNull();
    const forAuthor = await listMediaLibrary({ userId: author.id, blogId: blog.id, page: 1, pageSize: 10 });
    expect(forAuthor?.total).toBeGreaterThan(0);
  });

  it("serves a medium only on the host of the blog it belongs to", async () => {
    const [item] = await listMediaForBlog(blog.id);
    const storageKey = item!.url.slice("/medias/".length);
    expect(await getMediaToServe({ blogSlug: blog.slug, storageKey })).toMatchObject({ mimeType: item!.mimeType });
    expect(await getMediaToServe({ blogSlug: strangersBlog.slug, storageKey })).toBeNull();
  });
});

describe("changing and deleting media", () => {
  it("lets an author change the alt text of their own image, not of a co-author's", async () => {
    const own = await upload(author.id, blog.id, await png("#d35400"));
    const theirs = await upload(otherAuthor.id, blog.id, await png("#27ae60"));
    if (!own.ok || !theirs.ok) throw new Error("upload failed");
    expect(await updateMediaAlt({ userId: author.id, blogId: blog.id, mediaId: own.mediaId, alt: "  Une écluse  " })).toMatchObject({ ok: true });
    const refused = await updateMediaAlt({ userId: author.id, blogId: blog.id, mediaId: theirs.mediaId, alt: "Détourné" });
    expect(refused).toMatchObject({ ok: false, error: "Cette image n'existe plus, ou vous ne pouvez pas la modifier." });
    const alts = await db.select({ id: media.id, alt: media.alt }).from(media).where(eq(media.blogId, blog.id));
    expect(alts.find((row) => row.id === own.mediaId)?.alt).toBe("Une écluse");
    expect(alts.find((row) => row.id === theirs.mediaId)?.alt).toBe("");
    const library = await listMediaLibrary({ userId: author.id, blogId: blog.id, page: 1, pageSize: 50 });
    expect(library?.items.find((item) => item.id === theirs.mediaId)?.canManage).toBe(false);
    expect(await getManageableMedia({ userId: author.id, blogId: blog.id, mediaId: theirs.mediaId })).toBeNull();
  });

  it("answers a too long alt text next to the field, keeping what was typed", async () => {
    const own = await upload(author.id, blog.id, await png("#f1c40f"));
    if (!own.ok) throw new Error("upload failed");
    const typed = "é".repeat(301);
    expect(await updateMediaAlt({ userId: author.id, blogId: blog.id, mediaId: own.mediaId, alt: typed })).toEqual({
      ok: false,
      error: "Corrigez les champs signalés puis réessayez.",
      fieldErrors: { alt: "C'est trop long : 300 caractères au plus." },
      values: { alt: typed },
    });
  });

  it("refuses forged identifiers: a medium of another blog, through a blog the person belongs to", async () => {
    const foreign = await upload(stranger.id, strangersBlog.id, await png("#7f8c8d"));
    if (!foreign.ok) throw new Error("upload failed");
    expect((await deleteMedia({ userId: owner.id, blogId: blog.id, mediaId: foreign.mediaId }, storage)).ok).toBe(false);
    expect((await deleteMedia({ userId: owner.id, blogId: strangersBlog.id, mediaId: foreign.mediaId }, storage)).ok).toBe(false);
    expect((await updateMediaAlt({ userId: owner.id, blogId: strangersBlog.id, mediaId: foreign.mediaId, alt: "pris" })).ok).toBe(false);
    expect(await listMediaForBlog(strangersBlog.id)).toHaveLength(1);
  });

  it("lets the owner delete any image: its file goes, posts that had it as cover lose it, their pages are revalidated", async () => {
    const uploaded = await upload(otherAuthor.id, blog.id, await png("#34495e"));
    if (!uploaded.ok) throw new Error("upload failed");
    const [item] = await db.select({ storageKey: media.storageKey }).from(media).where(eq(media.id, uploaded.mediaId));
    const [post] = await db
      .insert(posts)
      .values({ blogId: blog.id, slug: "au-fil-de-l-eau", title: "Au fil de l'eau", status: "published", publishedAt: Date.now(), updatedAt: Date.now(), coverMediaId: uploaded.mediaId })
      .returning({ id: posts.id });
    expect((await getManageableMedia({ userId: owner.id, blogId: blog.id, mediaId: uploaded.mediaId }))?.usedIn).toBe(1);

    expect((await deleteMedia({ userId: author.id, blogId: blog.id, mediaId: uploaded.mediaId }, storage)).ok).toBe(false);
    const deleted = await deleteMedia({ userId: owner.id, blogId: blog.id, mediaId: uploaded.mediaId }, storage);
    expect(deleted).toMatchObject({ ok: true, tags: [blogPostsTag(blog.id)], blogSlug: blog.slug });
    expect(await storage.get(item!.storageKey)).toBeNull();
    const [after] = await db.select({ coverMediaId: posts.coverMediaId }).from(posts).where(eq(posts.id, post!.id));
    expect(after?.coverMediaId).toBeNull();
    expect((await deleteMedia({ userId: owner.id, blogId: blog.id, mediaId: uploaded.mediaId }, storage)).ok).toBe(false);
  });
});
