import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { BLOG_CLOSED_KIND, checkBlogSlug, confirmsBlogAddress, createBlog as openBlog, deleteBlog, SLUG_REST_MS } from "@/lib/blogs/mutations";
import { blogPostsTag, blogSlugTag, platformPostsTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { blogs, categories, comments, emailOutbox, media, posts, restingBlogSlugs, subscribers, tags } from "@/lib/db/schema";
import { queueEmail } from "@/lib/mail/outbox";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";
import { fillBlog } from "../helpers/blog-content";

const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-deletion-")));

async function rowsOfBlog(blogId: number) {
  const total = async (table: typeof posts | typeof comments | typeof media | typeof subscribers | typeof categories | typeof tags) =>
    (await db.select({ n: count() }).from(table).where(eq(table.blogId, blogId)))[0]?.n ?? 0;
  return {
    posts: await total(posts),
    comments: await total(comments),
    media: await total(media),
    subscribers: await total(subscribers),
    categories: await total(categories),
    tags: await total(tags),
  };
}

let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  owner = await createUser("Odile Marchand");
});

describe("the confirmation of a blog's deletion", () => {
  it("takes the blog's address as typed, with or without protocol, in any case, or its bare slug", () => {
    expect(confirmsBlogAddress("mon-blog.carnet.test", "mon-blog")).toBe(true);
    expect(confirmsBlogAddress("  https://Mon-Blog.carnet.test/ ", "mon-blog")).toBe(true);
    expect(confirmsBlogAddress("mon-blog", "mon-blog")).toBe(true);
    expect(confirmsBlogAddress("mon-blog2.carnet.test", "mon-blog")).toBe(false);
    expect(confirmsBlogAddress("", "mon-blog")).toBe(false);
    expect(confirmsBlogAddress(undefined, "mon-blog")).toBe(false);
  });
});

describe("deleting a blog", () => {
  it("is for the blog's owners only: an author or a stranger deletes nothing", async () => {
    const author = await createUser("Anatole Auteur");
    const stranger = await createUser("Sébastien Inconnu");
    const blog = await createBlog("bien-a-moi", owner, [{ id: author.id, role: "author" }]);
    for (const userId of [author.id, stranger.id]) {
      expect(await deleteBlog({ userId, blogId: blog.id, slug: blog.slug, typedAddress: blog.slug }, storage)).toEqual({ ok: false, reason: "not-found" });
    }
    expect(await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.id, blog.id))).toHaveLength(1);
  });

  it("does nothing while the typed address is not the blog's", async () => {
    const blog = await createBlog("pas-encore", owner);
    expect(await deleteBlog({ userId: owner.id, blogId: blog.id, slug: blog.slug, typedAddress: "autre-blog.carnet.test" }, storage)).toEqual({ ok: false, reason: "mismatch" });
    expect(await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.id, blog.id))).toHaveLength(1);
  });

  it("removes every row and file of the blog, tells each confirmed subscriber once, and leaves the other blogs whole", async () => {
    const blog = await createBlog("a-fermer", owner);
    const content = await fillBlog(blog, owner.id, storage);
    const neighbour = await createBlog("le-voisin-reste", owner);
    const neighbourContent = await fillBlog(neighbour, owner.id, storage, "voisin-");
    const neighbourBefore = await rowsOfBlog(neighbour.id);
    // A newsletter mail of the blog still waiting: it goes with the blog.
    await queueEmail(db, { key: "post:test:1", kind: "newsletter-post", blogId: blog.id, to: "lectrice@exemple.fr", subject: "Un billet", text: "…" });
    const files = [content.media.inlineKey];

    const now = Date.UTC(2026, 11, 2, 12);
    const outcome = await deleteBlog({ userId: owner.id, blogId: blog.id, slug: blog.slug, typedAddress: "a-fermer.carnet.test" }, storage, now);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.removed.subscribersTold).toBe(2);
    expect(outcome.removed.tags).toEqual(expect.arrayContaining([blogSlugTag("a-fermer"), blogPostsTag(blog.id), platformPostsTag()]));

    expect(await rowsOfBlog(blog.id)).toEqual({ posts: 0, comments: 0, media: 0, subscribers: 0, categories: 0, tags: 0 });
    expect(await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.id, blog.id))).toHaveLength(0);
    for (const key of files) expect(await storage.get(key)).toBeNull();

    const farewells = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, BLOG_CLOSED_KIND));
    expect(farewells.map((mail) => mail.toAddress).sort()).toEqual(["lecteur@exemple.fr", "lectrice@exemple.fr"]);
    expect(farewells[0]?.subject).toBe("« Carnet a-fermer » ferme");
    expect(farewells[0]?.textBody).toContain("https://a-fermer.carnet.test/");
    expect(farewells[0]?.status).toBe("queued");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.key, "post:test:1"))).toHaveLength(0);

    expect(await rowsOfBlog(neighbour.id)).toEqual(neighbourBefore);
    expect(await storage.get(neighbourContent.media.inlineKey)).not.toBeNull();
  });

  it("keeps the address from any new blog for 30 days, then frees it", async () => {
    const blog = await createBlog("adresse-au-repos", owner);
    const outcome = await deleteBlog({ userId: owner.id, blogId: blog.id, slug: blog.slug, typedAddress: "adresse-au-repos" }, storage);
    expect(outcome.ok).toBe(true);
    expect(await checkBlogSlug("adresse-au-repos")).toBe("resting");
    const attempt = await openBlog({ title: "Squat", slug: "adresse-au-repos", description: "", language: "fr" }, { userId: owner.id });
    expect(attempt).toEqual({ ok: false, reason: "slug-taken" });
    // Thirty days later.
    await db.update(restingBlogSlugs).set({ availableAt: Date.now() - 1 }).where(eq(restingBlogSlugs.slug, "adresse-au-repos"));
    expect(await checkBlogSlug("adresse-au-repos")).toBe("available");
    expect((await openBlog({ title: "Renouveau", slug: "adresse-au-repos", description: "", language: "fr" }, { userId: owner.id })).ok).toBe(true);
    expect(SLUG_REST_MS).toBe(30 * 24 * 60 * 60_000);
  });

  it("tells subscribers only once when the deletion is sent twice", async () => {
    const blog = await createBlog("deux-clics", owner);
    await db.insert(subscribers).values({ blogId: blog.id, email: "fidele@exemple.fr", status: "confirmed" });
    const [first, second] = await Promise.all([
      deleteBlog({ userId: owner.id, blogId: blog.id, slug: blog.slug, typedAddress: "deux-clics" }, storage),
      deleteBlog({ userId: owner.id, blogId: blog.id, slug: blog.slug, typedAddress: "deux-clics" }, storage),
    ]);
    expect([first?.ok, second?.ok].sort()).toEqual([false, true]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "fidele@exemple.fr"))).toHaveLength(1);
  });

  it("never deletes a blog other than the one named by both its id and its address", async () => {
    const blog = await createBlog("bien-garde", owner);
    const other = await createBlog("autre-garde", owner);
    expect(await deleteBlog({ userId: owner.id, blogId: blog.id, slug: other.slug, typedAddress: other.slug }, storage)).toEqual({ ok: false, reason: "not-found" });
    expect(await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, "bien-garde"))).toHaveLength(1);
    expect(await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, "autre-garde"))).toHaveLength(1);
  });
});
