import "server-only";
import { and, count, desc, eq, or, sql } from "drizzle-orm";
import { asMember, getMemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { blogs, media, posts, users, type MemberRole } from "@/lib/db/schema";
import { can } from "@/lib/permissions";
import { mediaPath } from "./format";

/** A medium as the editor and the media library show it. `url` is a path on the blog's own host. */
export type MediaItem = {
  id: number;
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
  mimeType: string;
  byteSize: number;
  createdAt: number;
};

/** Where a medium is served, on its blog's host. */
export { mediaPath } from "./format";

const itemColumns = {
  id: media.id,
  storageKey: media.storageKey,
  alt: media.alt,
  width: media.width,
  height: media.height,
  mimeType: media.mimeType,
  byteSize: media.byteSize,
  createdAt: media.createdAt,
};

const toItem = (row: { storageKey: string } & Omit<MediaItem, "url">): MediaItem => ({
  id: row.id,
  url: mediaPath(row.storageKey),
  alt: row.alt,
  width: row.width,
  height: row.height,
  mimeType: row.mimeType,
  byteSize: row.byteSize,
  createdAt: row.createdAt,
});

/** One medium of a blog, as the editor inserts it (null when the blog has no such medium). */
export async function getMediaItem(input: { blogId: number; mediaId: number }): Promise<MediaItem | null> {
  const [row] = await db
    .select(itemColumns)
    .from(media)
    .where(and(eq(media.id, input.mediaId), eq(media.blogId, input.blogId)))
    .limit(1);
  return row ? toItem(row) : null;
}

/**
 * A blog's media, newest first. No access check: the caller has already made sure the person is a
 * member of the blog (getMemberBlog / requireMemberBlog).
 */
export async function listMediaForBlog(blogId: number, page?: { limit: number; offset: number }): Promise<MediaItem[]> {
  const query = db.select(itemColumns).from(media).where(eq(media.blogId, blogId)).orderBy(desc(media.createdAt), desc(media.id));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  return rows.map(toItem);
}

export type LibraryItem = MediaItem & { storageKey: string; uploaderName: string | null; canManage: boolean };

/**
 * The media library of a blog for one of its members, a page at a time, or null when the person is not
 * a member. Owners manage every medium; authors the ones they uploaded.
 */
export async function listMediaLibrary(input: { userId: string; blogId: number; page: number; pageSize: number }): Promise<{
  role: MemberRole;
  items: LibraryItem[];
  total: number;
} | null> {
  const member = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!member) return null;
  const [rows, [totals]] = await Promise.all([
    db
      .select({ ...itemColumns, uploaderId: media.uploaderId, uploaderName: users.name })
      .from(media)
      .leftJoin(users, eq(users.id, media.uploaderId))
      .where(eq(media.blogId, member.id))
      .orderBy(desc(media.createdAt), desc(media.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(media).where(eq(media.blogId, member.id)),
  ]);
  return {
    role: member.role,
    total: totals?.total ?? 0,
    items: rows.map((row) => ({
      ...toItem(row),
      storageKey: row.storageKey,
      uploaderName: row.uploaderName,
      canManage: can(asMember(member, input.userId), "media.edit", { blogId: member.id, authorId: row.uploaderId }),
    })),
  };
}

/** One medium of a blog for a member who may change it (owner, or the author who uploaded it), or null. */
export async function getManageableMedia(input: { userId: string; blogId: number; mediaId: number }): Promise<(LibraryItem & { usedIn: number }) | null> {
  const member = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!member) return null;
  const [row] = await db
    .select({ ...itemColumns, uploaderId: media.uploaderId, uploaderName: users.name })
    .from(media)
    .leftJoin(users, eq(users.id, media.uploaderId))
    .where(and(eq(media.id, input.mediaId), eq(media.blogId, member.id)))
    .limit(1);
  if (!row || !can(asMember(member, input.userId), "media.edit", { blogId: member.id, authorId: row.uploaderId })) return null;
  return {
    ...toItem(row),
    storageKey: row.storageKey,
    uploaderName: row.uploaderName,
    canManage: true,
    usedIn: await countPostsUsingMedia(member.id, row),
  };
}

/** How many posts of the blog show the medium, as cover or in their text. */
export async function countPostsUsingMedia(blogId: number, medium: { id: number; storageKey: string }): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(posts)
    .where(
      and(
        eq(posts.blogId, blogId),
        or(eq(posts.coverMediaId, medium.id), sql`instr(${posts.bodyMarkdown}, ${mediaPath(medium.storageKey)}) > 0`),
      ),
    );
  return row?.total ?? 0;
}

/** What the public address of a medium serves: only a medium of the blog whose host was asked. */
export async function getMediaToServe(input: { blogSlug: string; storageKey: string }): Promise<{ mimeType: string; byteSize: number } | null> {
  const [row] = await db
    .select({ mimeType: media.mimeType, byteSize: media.byteSize })
    .from(media)
    .innerJoin(blogs, eq(blogs.id, media.blogId))
    .where(and(eq(media.storageKey, input.storageKey), eq(blogs.slug, input.blogSlug)))
    .limit(1);
  return row ?? null;
}

/** A medium of this blog as lib/permissions.ts weighs it (its uploader is its author), or null. */
export async function getMediaRef(input: { blogId: number; mediaId: number }): Promise<{ blogId: number; authorId: string | null } | null> {
  const [row] = await db
    .select({ blogId: media.blogId, authorId: media.uploaderId })
    .from(media)
    .where(and(eq(media.id, input.mediaId), eq(media.blogId, input.blogId)))
    .limit(1);
  return row ?? null;
}
