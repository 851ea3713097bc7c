import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { blogPostsTag, blogSlugTag, blogSubscribersTag, blogViewsTag, platformPostsTag } from "@/lib/cache-tags";
import { db, type Database } from "@/lib/db";
import { blogMembers, blogs, media, posts, restingBlogSlugs, subscribers, users, type Language } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { getTranslator } from "@/lib/i18n";
import { queueEmails } from "@/lib/mail/outbox";
import { mediaStorage, type MediaStorage } from "@/lib/media/storage";
import { blogUrl } from "@/lib/urls";
import { isAvailableBlogSlugShape, isWellFormedBlogSlug, RESERVED_BLOG_SLUGS } from "./slug";

export type SlugStatus = "available" | "taken" | "reserved" | "resting" | "malformed";

/** What can be said of an address a person wants for their blog. */
export async function checkBlogSlug(slug: string): Promise<SlugStatus> {
  if (!isWellFormedBlogSlug(slug)) return "malformed";
  if (!isAvailableBlogSlugShape(slug) || RESERVED_BLOG_SLUGS.has(slug)) return "reserved";
  const [existing] = await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, slug)).limit(1);
  if (existing) return "taken";
  return (await isBlogSlugResting(slug)) ? "resting" : "available";
}

export type NewBlog = { title: string; slug: string; description: string; language: Language };
export type NewAccount = { name: string; email: string; password: string };

export type CreateBlogOutcome =
  | { ok: true; blogId: number; userId: string }
  | { ok: false; reason: "slug-taken" | "email-taken" };

class CreateBlogConflict extends Error {
  constructor(readonly reason: "slug-taken" | "email-taken") {
    super(reason);
  }
}

/**
 * Opens a blog for an existing person (`owner.userId`) or for a new account created in the same
 * transaction: either both exist afterwards, or neither.
 */
export async function createBlog(blog: NewBlog, owner: { userId: string } | { account: NewAccount }): Promise<CreateBlogOutcome> {
  const passwordHash = "account" in owner ? await hashPassword(owner.account.password) : null;
  try {
    return await db.transaction(async (tx) => {
      let userId: string;
      if ("account" in owner) {
        const [created] = await tx
          .insert(users)
          .values({ name: owner.account.name, email: owner.account.email, passwordHash })
          .onConflictDoNothing({ target: users.email })
          .returning({ id: users.id });
        if (!created) throw new CreateBlogConflict("email-taken");
        userId = created.id;
      } else {
        userId = owner.userId;
      }
      // Checked again here: the address of a blog deleted meanwhile must not be taken between check and write.
      if (await isBlogSlugResting(blog.slug, Date.now(), tx)) throw new CreateBlogConflict("slug-taken");
      const [createdBlog] = await tx
        .insert(blogs)
        .values({ slug: blog.slug, title: blog.title, description: blog.description, language: blog.language, ownerId: userId })
        .onConflictDoNothing({ target: blogs.slug })
        .returning({ id: blogs.id });
      if (!createdBlog) throw new CreateBlogConflict("slug-taken");
      await tx.insert(blogMembers).values({ blogId: createdBlog.id, userId, role: "owner" });
      return { ok: true, blogId: createdBlog.id, userId } as const;
    });
  } catch (error) {
    // Thrown inside the transaction so that it rolls back: nothing of the attempt stays.
    if (error instanceof CreateBlogConflict) return { ok: false, reason: error.reason };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Deleting a blog
// ---------------------------------------------------------------------------------------------

/** How long the address of a deleted blog stays closed to new blogs. */
export const SLUG_REST_MS = 30 * 24 * 60 * 60_000;

export const BLOG_CLOSED_KIND = "blog-closed";

/** A blog's address as people read it: "mon-blog.carnet.fr". */
export const blogAddress = (slug: string) => `${slug}.${env.ROOT_DOMAIN}`;

/**
 * Whether what the owner typed names this blog: its address ("mon-blog.carnet.fr", with or without
 * "https://" and a final slash) or its bare slug, in any case, with stray spaces.
 */
export function confirmsBlogAddress(typed: unknown, slug: string): boolean {
  if (typeof typed !== "string" || typed.length > 300) return false;
  const cleaned = typed
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/\/$/, "");
  return cleaned === slug || cleaned === blogAddress(slug).toLowerCase();
}

/** Whether the address of a recently deleted blog is still resting (no new blog may take it). */
export async function isBlogSlugResting(slug: string, now = Date.now(), executor: Pick<Database, "select"> = db): Promise<boolean> {
  const [row] = await executor
    .select({ slug: restingBlogSlugs.slug })
    .from(restingBlogSlugs)
    .where(and(eq(restingBlogSlugs.slug, slug), gt(restingBlogSlugs.availableAt, now)))
    .limit(1);
  return Boolean(row);
}

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type RemovedBlog = { slug: string; storageKeys: string[]; tags: string[]; subscribersTold: number };

/**
 * Removes a blog inside the caller's transaction: one farewell mail per confirmed subscriber queued in the
 * outbox (kept apart from the blog, so that it survives it), the address set to rest, then the blog's row,
 * which takes every row of the blog with it (posts, comments, media rows, subscribers, statistics…).
 * Returns the media files to remove once the transaction is committed and the cache tags to expire.
 */
export async function removeBlogInTransaction(tx: Transaction, blogId: number, now: number): Promise<RemovedBlog | null> {
  const [blog] = await tx
    .select({ id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language })
    .from(blogs)
    .where(eq(blogs.id, blogId))
    .limit(1);
  if (!blog) return null;
  const confirmed = await tx
    .select({ id: subscribers.id, email: subscribers.email })
    .from(subscribers)
    .where(and(eq(subscribers.blogId, blog.id), eq(subscribers.status, "confirmed")));
  await queueEmails(tx, confirmed.map((subscriber) => farewellMail(blog, subscriber)), now);
  const files = await tx.select({ storageKey: media.storageKey }).from(media).where(eq(media.blogId, blog.id));
  const [hadPublicPost] = await tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.blogId, blog.id), eq(posts.status, "published")))
    .limit(1);
  await tx
    .insert(restingBlogSlugs)
    .values({ slug: blog.slug, formerBlogId: blog.id, availableAt: now + SLUG_REST_MS, createdAt: now })
    .onConflictDoUpdate({ target: restingBlogSlugs.slug, set: { formerBlogId: blog.id, availableAt: now + SLUG_REST_MS, createdAt: now } });
  await tx.delete(blogs).where(eq(blogs.id, blog.id));
  return {
    slug: blog.slug,
    storageKeys: files.map((file) => file.storageKey),
    // Every reader page of the blog reads its record under blogSlugTag: they all become 404s.
    tags: [blogSlugTag(blog.slug), blogPostsTag(blog.id), blogSubscribersTag(blog.id), blogViewsTag(blog.id), ...(hadPublicPost ? [platformPostsTag()] : [])],
    subscribersTold: confirmed.length,
  };
}

function farewellMail(blog: { id: number; slug: string; title: string; language: Language }, subscriber: { id: number; email: string }) {
  const t = getTranslator(blog.language);
  return {
    // Keyed on the blog and subscriber: told once, however often the deletion is retried.
    key: `${BLOG_CLOSED_KIND}:${blog.id}:${subscriber.id}`,
    kind: BLOG_CLOSED_KIND,
    // Not tied to the blog: its outbox rows go with it, this one must stay to be sent.
    blogId: null,
    to: subscriber.email,
    subject: t("leaving.closedMailSubject", { blog: blog.title }),
    text: t("leaving.closedMailText", { blog: blog.title, address: blogUrl(blog.slug, "/") }),
  };
}

/** Removes media files whose rows are gone; a file left behind is only wasted space, never an error for the person. */
export async function removeMediaFiles(storageKeys: string[], storage: MediaStorage = mediaStorage()): Promise<void> {
  for (const key of storageKeys) {
    try {
      await storage.delete(key);
    } catch (error) {
      console.error(`[médias] fichier ${key} non supprimé`, error);
    }
  }
}

export type DeleteBlogOutcome = { ok: true; removed: RemovedBlog } | { ok: false; reason: "not-found" | "mismatch" };

/**
 * Deletes a blog for good, for one of its owners; `typedAddress` must name the blog (see
 * confirmsBlogAddress). Everything of the blog goes in one transaction, then its media files.
 */
export async function deleteBlog(
  input: { userId: string; blogId: number; slug: string; typedAddress: unknown },
  storage: MediaStorage = mediaStorage(),
  now = Date.now(),
): Promise<DeleteBlogOutcome> {
  if (!confirmsBlogAddress(input.typedAddress, input.slug)) return { ok: false, reason: "mismatch" };
  // Id, address and ownership are checked in the transaction that deletes: a form sent for one blog never
  // deletes another, and an owner removed meanwhile deletes nothing.
  const removed = await db.transaction(async (tx) => {
    const [blog] = await tx
      .select({ id: blogs.id })
      .from(blogs)
      .innerJoin(blogMembers, and(eq(blogMembers.blogId, blogs.id), eq(blogMembers.userId, input.userId), eq(blogMembers.role, "owner")))
      .where(and(eq(blogs.id, input.blogId), eq(blogs.slug, input.slug)))
      .limit(1);
    return blog ? removeBlogInTransaction(tx, blog.id, now) : null;
  });
  if (!removed) return { ok: false, reason: "not-found" };
  await removeMediaFiles(removed.storageKeys, storage);
  return { ok: true, removed };
}
