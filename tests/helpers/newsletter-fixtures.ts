import { db } from "@/lib/db";
import { blogMembers, blogs, DEFAULT_BLOG_SETTINGS, posts, subscribers, users, type BlogSettings, type Language, type SubscriberStatus } from "@/lib/db/schema";
import { renderMarkdown } from "@/lib/markdown/render";
import { slugify } from "@/lib/posts/slug";

let counter = 0;

/** A blog with its owner (and an author), straight into the test database. */
export async function createBlog(input: { language?: Language; settings?: Partial<BlogSettings>; title?: string } = {}) {
  counter += 1;
  const [owner] = await db.insert(users).values({ name: `Propriétaire ${counter}`, email: `proprio-${counter}@exemple.fr`, emailVerified: new Date() }).returning({ id: users.id });
  const [author] = await db.insert(users).values({ name: `Autrice ${counter}`, email: `autrice-${counter}@exemple.fr` }).returning({ id: users.id });
  if (!owner || !author) throw new Error("users not created");
  const [blog] = await db
    .insert(blogs)
    .values({
      slug: `carnet-essai-${counter}`,
      title: input.title ?? `Carnet d’essai ${counter}`,
      language: input.language ?? "fr",
      ownerId: owner.id,
      settings: { ...DEFAULT_BLOG_SETTINGS, ...input.settings },
    })
    .returning({ id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language });
  if (!blog) throw new Error("blog not created");
  await db.insert(blogMembers).values([
    { blogId: blog.id, userId: owner.id, role: "owner" },
    { blogId: blog.id, userId: author.id, role: "author" },
  ]);
  return { blog, ownerId: owner.id, authorId: author.id };
}

/** Subscribers with a given status, addresses "<prefix>-<n>@exemple.fr". */
export async function addSubscribers(blogId: number, count: number, status: SubscriberStatus, prefix: string) {
  if (count === 0) return [];
  const now = Date.now();
  return db
    .insert(subscribers)
    .values(
      Array.from({ length: count }, (_, index) => ({
        blogId,
        email: `${prefix}-${index + 1}@exemple.fr`,
        status,
        confirmedAt: status === "confirmed" ? now : null,
        unsubscribedAt: status === "unsubscribed" ? now : null,
      })),
    )
    .returning({ id: subscribers.id, email: subscribers.email });
}

/** A draft post, ready to be published by a test. */
export async function createDraft(blogId: number, input: { title: string; markdown: string; excerpt?: string; slug?: string }) {
  const now = Date.now();
  const [post] = await db
    .insert(posts)
    .values({
      blogId,
      slug: input.slug ?? slugify(input.title),
      title: input.title,
      bodyMarkdown: input.markdown,
      bodyHtml: renderMarkdown(input.markdown),
      excerpt: input.excerpt ?? "",
      status: "draft",
      updatedAt: now,
    })
    .returning({ id: posts.id });
  if (!post) throw new Error("post not created");
  return post.id;
}
