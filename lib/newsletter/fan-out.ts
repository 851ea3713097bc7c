import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { blogMembers, blogs, posts, subscribers, users } from "@/lib/db/schema";
import { queueEmails, type Executor } from "@/lib/mail/outbox";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { articlePath } from "@/lib/posts/paths";
import { blogUrl } from "@/lib/urls";
import { postMailer } from "./mails";

/**
 * Queues a newly published post for every confirmed subscriber of its blog, once: call it inside the
 * transaction that publishes the post (status already "published"), or that publishes a scheduled
 * post when it comes due. The post's newsletter_queued_at is set here, so editing or re-publishing it
 * later sends nothing again; each message's key (post:<postId>:<subscriberId>) makes a repeat a no-op.
 * Everything is queued in the caller's transaction: a crash leaves either the whole batch or none of
 * it, and the outbox worker then sends each message once. Returns how many messages were queued (none
 * while no owner of the blog has a verified address).
 */
export async function queuePostForSubscribers(tx: Executor, input: { blogId: number; postId: number; now?: number }): Promise<number> {
  const now = input.now ?? Date.now();
  const [post] = await tx
    .update(posts)
    .set({ newsletterQueuedAt: now })
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId), eq(posts.status, "published"), isNull(posts.newsletterQueuedAt)))
    .returning({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      excerpt: posts.excerpt,
      bodyMarkdown: posts.bodyMarkdown,
      bodyHtml: posts.bodyHtml,
      publishedAt: posts.publishedAt,
    });
  if (!post) return 0;
  const [blog] = await tx
    .select({ id: blogs.id, slug: blogs.slug, title: blogs.title, language: blogs.language, timeZone: blogs.timeZone, settings: blogs.settings })
    .from(blogs)
    .where(eq(blogs.id, input.blogId));
  if (!blog) return 0;
  // Carnet mails nobody on behalf of a blog until one of its owners has proved an address: a post
  // published before that is marked above and never mailed.
  const [verifiedOwner] = await tx
    .select({ userId: blogMembers.userId })
    .from(blogMembers)
    .innerJoin(users, eq(users.id, blogMembers.userId))
    .where(and(eq(blogMembers.blogId, blog.id), eq(blogMembers.role, "owner"), isNotNull(users.emailVerified)))
    .limit(1);
  if (!verifiedOwner) return 0;
  const recipients = await tx
    .select({ id: subscribers.id, email: subscribers.email })
    .from(subscribers)
    .where(and(eq(subscribers.blogId, blog.id), eq(subscribers.status, "confirmed")))
    .orderBy(asc(subscribers.id));
  if (recipients.length === 0) return 0;
  // Every save stores an excerpt; a post that came another way gets one from the renderer's thread.
  let excerpt = post.excerpt;
  if (!excerpt) {
    const rendered = await renderMarkdownSafely(post.bodyMarkdown);
    excerpt = rendered.ok ? rendered.excerpt : "";
  }
  const mailFor = postMailer(
    blog,
    {
      id: post.id,
      title: post.title,
      url: blogUrl(blog.slug, articlePath({ publishedAt: post.publishedAt ?? now, slug: post.slug }, blog.timeZone)),
      excerpt,
      bodyMarkdown: post.bodyMarkdown,
      bodyHtml: post.bodyHtml,
    },
    blog.settings.newsletterFullText,
  );
  return queueEmails(tx, recipients.map(mailFor), now);
}
