import { join } from "node:path";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import {
  blogMembers,
  blogs,
  blogViewTotals,
  categories,
  comments,
  posts,
  postTags,
  postViewTotals,
  subscribers,
  tags,
  users,
} from "@/lib/db/schema";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { slugify } from "@/lib/posts/slug";
import { seedDemoAudience } from "@/lib/stats/demo-history";
import { readDemoPosts } from "./content";

export const DEMO_BLOG_SLUG = "formation-continue";
export const DEMO_BLOGGER = { name: "Hélène Marchand", email: "demo@carnet.test", password: "carnet-demo-2026" };
export const DEMO_SUBSCRIBER_COUNT = 49;
export const DEMO_VIEW_TOTAL = 2_783_472;

// Comments signed with this address in the demo content are the blogger answering her readers.
const BLOGGER_COMMENT_EMAIL = "blog@example.org";

/**
 * Creates the demo blog "Formation Continue du Supérieur" with its blogger, posts, comments,
 * subscribers and visitor total, unless a blog already has its address. Returns whether it seeded.
 */
export async function seedDemoBlog(contentRoot = join(process.cwd(), "content", "demo")): Promise<boolean> {
  const existing = await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, DEMO_BLOG_SLUG)).limit(1);
  if (existing.length > 0) return false;

  const demoPosts = await readDemoPosts(join(contentRoot, DEMO_BLOG_SLUG));
  const passwordHash = await hash(DEMO_BLOGGER.password);
  // The same renderer as the editor's, before the transaction opens.
  const bodiesHtml: string[] = [];
  for (const demo of demoPosts) {
    const rendered = await renderMarkdownSafely(demo.body);
    if (!rendered.ok) throw new Error(`demo post ${demo.slug} not rendered: ${rendered.reason}`);
    bodiesHtml.push(rendered.html);
  }

  await db.transaction(async (tx) => {
    const [blogger] = await tx
      .insert(users)
      .values({ name: DEMO_BLOGGER.name, email: DEMO_BLOGGER.email, emailVerified: new Date(), passwordHash })
      .onConflictDoUpdate({ target: users.email, set: { name: DEMO_BLOGGER.name } })
      .returning({ id: users.id });
    if (!blogger) throw new Error("demo blogger not created");

    const [blog] = await tx
      .insert(blogs)
      .values({
        slug: DEMO_BLOG_SLUG,
        title: "Formation Continue du Supérieur",
        description: "Le carnet d’une conseillère en formation continue à l’université : VAE, financements, pédagogie pour adultes et outils numériques.",
        language: "fr",
        timeZone: "Europe/Paris",
        ownerId: blogger.id,
        createdAt: Date.parse("2011-09-01T08:00:00+02:00"),
      })
      .returning({ id: blogs.id });
    if (!blog) throw new Error("demo blog not created");
    await tx.insert(blogMembers).values({ blogId: blog.id, userId: blogger.id, role: "owner" });

    const categoryIds = new Map<string, number>();
    for (const name of [...new Set(demoPosts.map((post) => post.category))].sort()) {
      const [category] = await tx.insert(categories).values({ blogId: blog.id, slug: slugify(name), name }).returning({ id: categories.id });
      if (category) categoryIds.set(name, category.id);
    }
    const tagIds = new Map<string, number>();
    for (const name of [...new Set(demoPosts.flatMap((post) => post.tags))].sort()) {
      const [tag] = await tx.insert(tags).values({ blogId: blog.id, slug: slugify(name), name }).returning({ id: tags.id });
      if (tag) tagIds.set(name, tag.id);
    }

    let viewsLeft = DEMO_VIEW_TOTAL;
    const postIds: number[] = [];
    for (const [index, demo] of demoPosts.entries()) {
      const publishedAt = Date.parse(demo.date);
      const [post] = await tx
        .insert(posts)
        .values({
          blogId: blog.id,
          authorId: blogger.id,
          slug: demo.slug,
          title: demo.title,
          bodyMarkdown: demo.body,
          bodyHtml: bodiesHtml[index] ?? "",
          excerpt: demo.excerpt,
          status: "published",
          publishedAt,
          // Sent to the subscribers of the time: editing a demo post never mails it again.
          newsletterQueuedAt: publishedAt,
          categoryId: categoryIds.get(demo.category) ?? null,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning({ id: posts.id });
      if (!post) throw new Error(`demo post ${demo.slug} not created`);
      postIds.push(post.id);
      for (const tagName of demo.tags) {
        const tagId = tagIds.get(tagName);
        if (tagId !== undefined) await tx.insert(postTags).values({ postId: post.id, tagId });
      }
      for (const comment of demo.comments) {
        const byBlogger = comment.email === BLOGGER_COMMENT_EMAIL;
        await tx.insert(comments).values({
          blogId: blog.id,
          postId: post.id,
          authorName: byBlogger ? DEMO_BLOGGER.name : comment.author,
          authorEmail: byBlogger ? DEMO_BLOGGER.email : comment.email,
          authorUserId: byBlogger ? blogger.id : null,
          body: comment.body,
          status: "approved",
          createdAt: Date.parse(comment.date),
        });
      }
      // Older posts have had more time to be read.
      const views = Math.min(viewsLeft, 40_000 + (demoPosts.length - index) * 9_137);
      viewsLeft -= views;
      await tx.insert(postViewTotals).values({ postId: post.id, blogId: blog.id, views });
    }

    await tx.insert(blogViewTotals).values({ blogId: blog.id, views: DEMO_VIEW_TOTAL });
    await seedDemoAudience(tx, { blogId: blog.id, postIds, now: Date.now() });

    const since = Date.parse("2011-10-01T12:00:00+02:00");
    const day = 86_400_000;
    await tx.insert(subscribers).values([
      ...Array.from({ length: DEMO_SUBSCRIBER_COUNT }, (_, i) => ({
        blogId: blog.id,
        email: `lectrice-${String(i + 1).padStart(2, "0")}@example.org`,
        status: "confirmed" as const,
        source: "form",
        createdAt: since + i * 17 * day,
        confirmedAt: since + i * 17 * day + 3_600_000,
      })),
      // Not counted: one never confirmed, one left.
      { blogId: blog.id, email: "en-attente@example.org", status: "pending" as const, createdAt: since },
      { blogId: blog.id, email: "partie@example.org", status: "unsubscribed" as const, createdAt: since, unsubscribedAt: since + 30 * day },
    ]);
  });
  return true;
}
