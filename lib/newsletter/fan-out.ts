import { and, asc, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { DAY_MS, dailyLimit, describeLimit, newsletterHeldMessage } from "@/lib/abuse/limits";
import { blogMembers, blogs, emailOutbox, posts, subscribers, users } from "@/lib/db/schema";
import { queueEmails, type Executor } from "@/lib/mail/outbox";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { articlePath } from "@/lib/posts/paths";
import { blogUrl } from "@/lib/urls";
import { POST_KIND, postMailer } from "./mails";

/**
 * Whether `recipients` more newsletter mails keep the blog within its ceiling of the last 24 hours
 * (lib/abuse/limits.ts: only a new blog has one). A post goes to all its subscribers or to none: a
 * newsletter that reached some of them at random would be worse than one that waits for the next post.
 */
async function fitsDailyNewsletterLimit(tx: Executor, blog: { id: number; createdAt: number }, recipients: number, now: number): Promise<boolean> {
  const limit = dailyLimit("newsletterMails", blog.createdAt, now);
  if (!Number.isFinite(limit)) return true;
  const [sent] = await tx
    .select({ total: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.blogId, blog.id), eq(emailOutbox.kind, POST_KIND), gt(emailOutbox.createdAt, now - DAY_MS)));
  return (sent?.total ?? 0) + recipients <= limit;
}

/**
 * Queues a newly published post for every confirmed subscriber of its blog, once: call it inside the
 * transaction that publishes the post (status already "published"), or that publishes a scheduled
 * post when it comes due. The post's newsletter_queued_at is set here, so editing or re-publishing it
 * later sends nothing again; each message's key (post:<postId>:<subscriberId>) makes a repeat a no-op.
 * Everything is queued in the caller's transaction: a crash leaves either the whole batch or none of
 * it, and the outbox worker then sends each message once. Returns how many messages were queued (none
 * while no owner of the blog has a verified address).
 */
export async function queuePostForSubscribers(
  tx: Executor,
  input: { blogId: number; postId: number; now?: number; /** Told why, when the blog's ceiling holds the post back (the editor says it). */ onHeld?: (message: string) => void },
): Promise<number> {
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
    .select({
      id: blogs.id,
      slug: blogs.slug,
      title: blogs.title,
      language: blogs.language,
      timeZone: blogs.timeZone,
      settings: blogs.settings,
      createdAt: blogs.createdAt,
    })
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
  if (!(await fitsDailyNewsletterLimit(tx, blog, recipients.length, now))) {
    console.warn(`[lettre] « ${post.title} » (blog ${blog.slug}) n'est pas envoyé aux abonnés : ${describeLimit("newsletterMails", blog.createdAt, now)}.`);
    input.onHeld?.(newsletterHeldMessage(blog.createdAt, now, blog.language));
    return 0;
  }
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
