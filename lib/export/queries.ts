import "server-only";
import { and, asc, count, eq, gt, inArray, max, ne, sql } from "drizzle-orm";
import { union } from "drizzle-orm/sqlite-core";
import { db } from "@/lib/db";
import { blogMembers, blogs, categories, comments, media, posts, postTags, tags, users } from "@/lib/db/schema";
import type { WxrComment } from "./wxr";

// The reads of an export: everything of one blog, and nothing of another (every query names the blog),
// read in pages keyed on ids so that a blog of any size is read with flat memory.

export type ExportBlog = { id: number; slug: string; title: string; description: string; language: string; timeZone: string };

export async function getExportBlog(blogId: number): Promise<ExportBlog | null> {
  const [blog] = await db
    .select({ id: blogs.id, slug: blogs.slug, title: blogs.title, description: blogs.description, language: blogs.language, timeZone: blogs.timeZone })
    .from(blogs)
    .where(eq(blogs.id, blogId))
    .limit(1);
  return blog ?? null;
}

export type ExportPerson = { userId: string; name: string; email: string };

/** The blog's members and anyone else who wrote one of its posts or uploaded one of its media. */
export async function listExportPeople(blogId: number): Promise<ExportPerson[]> {
  const people = union(
    db.select({ id: sql<string>`${posts.authorId}` }).from(posts).where(eq(posts.blogId, blogId)),
    db.select({ id: sql<string>`${media.uploaderId}` }).from(media).where(eq(media.blogId, blogId)),
    db.select({ id: blogMembers.userId }).from(blogMembers).where(eq(blogMembers.blogId, blogId)),
  );
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, people))
    .orderBy(asc(users.createdAt), asc(users.id));
  return rows.map((row) => ({ userId: row.userId, name: row.name ?? "", email: row.email ?? "" }));
}

export async function listExportCategories(blogId: number) {
  return db.select({ id: categories.id, slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.blogId, blogId)).orderBy(asc(categories.id));
}

export async function listExportTags(blogId: number) {
  return db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(eq(tags.blogId, blogId)).orderBy(asc(tags.id));
}

/** How much an export will hold: the blog's posts (all statuses) and media. */
export async function countExportContents(blogId: number): Promise<{ posts: number; media: number }> {
  const [[postRow], [mediaRow]] = await Promise.all([
    db.select({ total: count() }).from(posts).where(eq(posts.blogId, blogId)),
    db.select({ total: count() }).from(media).where(eq(media.blogId, blogId)),
  ]);
  return { posts: postRow?.total ?? 0, media: mediaRow?.total ?? 0 };
}

/** The highest post id of the blog: attachments are numbered after it, WordPress sharing one id space. */
export async function getHighestPostId(blogId: number): Promise<number> {
  const [row] = await db.select({ highest: max(posts.id) }).from(posts).where(eq(posts.blogId, blogId));
  return row?.highest ?? 0;
}

export type ExportPost = {
  id: number;
  slug: string;
  title: string;
  bodyMarkdown: string;
  bodyHtml: string;
  excerpt: string;
  status: (typeof posts.$inferSelect)["status"];
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
  authorId: string | null;
  coverMediaId: number | null;
  seoTitle: string | null;
  seoDescription: string | null;
  category: { id: number; slug: string; name: string } | null;
  tags: { id: number; slug: string; name: string }[];
  comments: ExportComment[];
};

export type ExportComment = WxrComment;

/**
 * A page of the blog's posts after `afterId`, in id order, with their category, tags and comments
 * (spam left out, as WordPress's exporter does). Optionally only the posts of one author.
 */
export async function listExportPosts(input: { blogId: number; afterId: number; limit: number; authorId?: string }): Promise<ExportPost[]> {
  const rows = await db
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      bodyMarkdown: posts.bodyMarkdown,
      bodyHtml: posts.bodyHtml,
      excerpt: posts.excerpt,
      status: posts.status,
      publishedAt: posts.publishedAt,
      createdAt: posts.createdAt,
      updatedAt: posts.updatedAt,
      authorId: posts.authorId,
      coverMediaId: posts.coverMediaId,
      seoTitle: posts.seoTitle,
      seoDescription: posts.seoDescription,
      categoryId: categories.id,
      categorySlug: categories.slug,
      categoryName: categories.name,
    })
    .from(posts)
    .leftJoin(categories, and(eq(categories.id, posts.categoryId), eq(categories.blogId, input.blogId)))
    .where(and(eq(posts.blogId, input.blogId), gt(posts.id, input.afterId), input.authorId === undefined ? undefined : eq(posts.authorId, input.authorId)))
    .orderBy(asc(posts.id))
    .limit(input.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [tagRows, commentRows] = await Promise.all([
    db
      .select({ postId: postTags.postId, id: tags.id, slug: tags.slug, name: tags.name })
      .from(postTags)
      .innerJoin(tags, and(eq(tags.id, postTags.tagId), eq(tags.blogId, input.blogId)))
      .where(inArray(postTags.postId, ids))
      .orderBy(asc(tags.name)),
    db
      .select({ postId: comments.postId, id: comments.id, parentId: comments.parentId, ...commentWriterColumns })
      .from(comments)
      .where(and(eq(comments.blogId, input.blogId), inArray(comments.postId, ids), ne(comments.status, "spam")))
      .orderBy(asc(comments.id)),
  ]);
  return rows.map(({ categoryId, categorySlug, categoryName, ...post }) => ({
    ...post,
    category: categoryId !== null && categorySlug !== null && categoryName !== null ? { id: categoryId, slug: categorySlug, name: categoryName } : null,
    tags: tagRows.filter((tag) => tag.postId === post.id).map(({ id, slug, name }) => ({ id, slug, name })),
    comments: commentRows
      .filter((comment) => comment.postId === post.id)
      .map((comment) => ({
        id: comment.id,
        parentId: comment.parentId,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        authorUrl: comment.authorUrl,
        body: comment.body,
        status: comment.status,
        createdAt: comment.createdAt,
      })),
  }));
}

/** What a comment's writer gave and wrote: exported with the blog, and with the writer's own data. */
export const commentWriterColumns = {
  authorName: comments.authorName,
  authorEmail: comments.authorEmail,
  authorUrl: comments.authorUrl,
  body: comments.body,
  status: comments.status,
  createdAt: comments.createdAt,
};

export type ExportMedium = { id: number; storageKey: string; mimeType: string; alt: string; uploaderId: string | null; createdAt: number };

export async function listExportMedia(input: { blogId: number; afterId: number; limit: number }): Promise<ExportMedium[]> {
  return db
    .select({ id: media.id, storageKey: media.storageKey, mimeType: media.mimeType, alt: media.alt, uploaderId: media.uploaderId, createdAt: media.createdAt })
    .from(media)
    .where(and(eq(media.blogId, input.blogId), gt(media.id, input.afterId)))
    .orderBy(asc(media.id))
    .limit(input.limit);
}
