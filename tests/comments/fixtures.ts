import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogMembers, blogs, comments, DEFAULT_BLOG_SETTINGS, posts, users, type BlogSettings, type Language } from "@/lib/db/schema";
import type { CommentSubmission } from "@/lib/comments/mutations";
import { issueFillToken } from "@/lib/comments/defences";
import { commentFieldsSchema } from "@/lib/comments/validation";

// Blogs, people and posts written straight into the test database, for the comments tests.

export async function createUser(name: string, email: string): Promise<string> {
  const [user] = await db.insert(users).values({ name, email }).returning({ id: users.id });
  if (!user) throw new Error("user not created");
  return user.id;
}

export async function createBlog(input: {
  slug: string;
  ownerId: string;
  moderation?: BlogSettings["moderation"];
  language?: Language;
  authors?: string[];
}): Promise<{ blogId: number; postId: number; otherPostId: number }> {
  const [blog] = await db
    .insert(blogs)
    .values({
      slug: input.slug,
      title: `Carnet ${input.slug}`,
      language: input.language ?? "fr",
      ownerId: input.ownerId,
      settings: { ...DEFAULT_BLOG_SETTINGS, moderation: input.moderation ?? "first-time" },
    })
    .returning({ id: blogs.id });
  if (!blog) throw new Error("blog not created");
  await db.insert(blogMembers).values([
    { blogId: blog.id, userId: input.ownerId, role: "owner" as const },
    ...(input.authors ?? []).map((userId) => ({ blogId: blog.id, userId, role: "author" as const })),
  ]);
  const now = Date.now();
  const [post, other] = await db
    .insert(posts)
    .values([
      { blogId: blog.id, slug: "premier-billet", title: "Premier billet", status: "published", publishedAt: now - 86_400_000, updatedAt: now },
      { blogId: blog.id, slug: "second-billet", title: "Second billet", status: "published", publishedAt: now - 3_600_000, updatedAt: now },
    ])
    .returning({ id: posts.id });
  if (!post || !other) throw new Error("posts not created");
  return { blogId: blog.id, postId: post.id, otherPostId: other.id };
}

export async function setModeration(blogId: number, moderation: BlogSettings["moderation"]): Promise<void> {
  await db.update(blogs).set({ settings: { ...DEFAULT_BLOG_SETTINGS, moderation } }).where(eq(blogs.id, blogId));
}

/** A comment as the form sends it when JavaScript ran and the reader took ten seconds to write it. */
export function submission(postId: number, fields: Partial<CommentSubmission["fields"]> = {}, extra: Partial<Omit<CommentSubmission, "fields">> = {}): CommentSubmission {
  return {
    postId,
    parentId: null,
    token: issueFillToken(postId, Date.now() - 10_000),
    trap: "",
    ...extra,
    // Through the form's schema, as the action does: trimmed, lowercased address, https:// added.
    fields: commentFieldsSchema.parse({ name: "Lectrice", email: "lectrice@example.org", website: "", body: "Merci pour ce billet très clair.", ...fields }),
  };
}

export async function commentRow(id: number) {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  return row;
}
