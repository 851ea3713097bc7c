import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogMembers, blogs, users, type Language } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { isBlogSlugResting } from "./deletion";
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
