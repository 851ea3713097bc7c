import "server-only";
import { and, count, eq, gt, type SQL } from "drizzle-orm";
import { DAY_MS, dailyLimit } from "@/lib/abuse/limits";
import { z } from "zod";
import { asMember, getMemberBlog, type MemberBlog } from "@/lib/blogs/access";
import { blogPostsTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { media, posts } from "@/lib/db/schema";
import { fieldErrorsFrom, formError, type FormResult } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { can } from "@/lib/permissions";
import { prepareImage, storageKeyFor, type ImageProblem } from "./images";
import { mediaStorage, type MediaStorage } from "./storage";

// The administration speaks French.
const french = getTranslator("fr");

export const MAX_ALT_LENGTH = 300;
const altSchema = z.object({ alt: z.string().trim().max(MAX_ALT_LENGTH) });

export type UploadProblem = ImageProblem | "forbidden" | "altTooLong" | "dailyLimit";
export type UploadResult = { ok: true; mediaId: number; duplicate: boolean } | { ok: false; problem: UploadProblem };

/**
 * Adds an image to a blog's media for one of its members. The file is checked and re-encoded first;
 * its bytes are stored before its row, and removed again if the row cannot be written.
 */
export async function uploadMedia(
  input: { userId: string; blogId: number; bytes: Uint8Array; alt: string; now?: number },
  storage: MediaStorage = mediaStorage(),
): Promise<UploadResult> {
  const member = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!member || !can(asMember(member, input.userId), "media.upload")) return { ok: false, problem: "forbidden" };
  const alt = altSchema.safeParse({ alt: input.alt });
  if (!alt.success) return { ok: false, problem: "altTooLong" };
  const now = input.now ?? Date.now();
  // Before the image is decoded: past the blog's ceiling of the day, an upload costs nothing.
  if ((await countMediaAddedSince(member.id, now - DAY_MS)) >= dailyLimit("uploads", member.createdAt, now)) return { ok: false, problem: "dailyLimit" };
  const prepared = await prepareImage(input.bytes);
  if (!prepared.ok) return prepared;

  const image = prepared.image;
  const storageKey = storageKeyFor(member.id, image);
  const existing = await findMediaIdByKey(member.id, storageKey);
  if (existing !== null) return { ok: true, mediaId: existing, duplicate: true };

  await storage.put(storageKey, image.bytes, image.mimeType);
  try {
    const [row] = await db
      .insert(media)
      .values({
        blogId: member.id,
        uploaderId: input.userId,
        storageKey,
        mimeType: image.mimeType,
        byteSize: image.bytes.byteLength,
        width: image.width,
        height: image.height,
        alt: alt.data.alt,
        createdAt: now,
      })
      .onConflictDoNothing({ target: media.storageKey })
      .returning({ id: media.id });
    if (row) return { ok: true, mediaId: row.id, duplicate: false };
    // The same image sent twice at once: the other request wrote the row (and the same bytes).
    const raced = await findMediaIdByKey(member.id, storageKey);
    if (raced !== null) return { ok: true, mediaId: raced, duplicate: true };
    throw new Error(`media key ${storageKey} is taken by another blog`);
  } catch (error) {
    if ((await findMediaIdByKey(member.id, storageKey)) === null) await storage.delete(storageKey);
    throw error;
  }
}

async function countMediaAddedSince(blogId: number, since: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(media)
    .where(and(eq(media.blogId, blogId), gt(media.createdAt, since)));
  return row?.total ?? 0;
}

async function findMediaIdByKey(blogId: number, storageKey: string): Promise<number | null> {
  const [row] = await db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.blogId, blogId), eq(media.storageKey, storageKey)))
    .limit(1);
  return row?.id ?? null;
}

type Change = FormResult<{ tags: string[] }>;

/** The member's blog and the medium's key when they may change it: owners any medium, authors their own. */
async function loadManageable(
  userId: string,
  blogId: number,
  mediaId: number,
): Promise<{ member: MemberBlog; storageKey: string; scope: SQL | undefined } | null> {
  const member = await getMemberBlog({ userId, blogId });
  if (!member) return null;
  const [row] = await db
    .select({ storageKey: media.storageKey, uploaderId: media.uploaderId })
    .from(media)
    .where(and(eq(media.id, mediaId), eq(media.blogId, member.id)))
    .limit(1);
  const asCaller = asMember(member, userId);
  if (!row || !can(asCaller, "media.edit", { blogId: member.id, authorId: row.uploaderId })) return null;
  // Repeated in the WHERE of the write: the medium, of this blog, and (unless the caller may change any
  // medium of the blog) uploaded by them.
  const scope = and(eq(media.id, mediaId), eq(media.blogId, member.id), can(asCaller, "media.edit") ? undefined : eq(media.uploaderId, userId));
  return { member, storageKey: row.storageKey, scope };
}

// A post page shows its cover (with its alt text); text images are only addresses in the Markdown.
async function coverTags(blogId: number, mediaId: number): Promise<string[]> {
  const [row] = await db
    .select({ total: count() })
    .from(posts)
    .where(and(eq(posts.blogId, blogId), eq(posts.coverMediaId, mediaId)));
  return (row?.total ?? 0) > 0 ? [blogPostsTag(blogId)] : [];
}

/** Changes the alternative text of a medium. */
export async function updateMediaAlt(input: { userId: string; blogId: number; mediaId: number; alt: unknown }): Promise<Change> {
  const values = { alt: typeof input.alt === "string" ? input.alt : "" };
  const parsed = altSchema.safeParse({ alt: input.alt });
  if (!parsed.success) return formError(french("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, french));
  const target = await loadManageable(input.userId, input.blogId, input.mediaId);
  if (!target) return formError(french("admin.mediaNotFound"), values);
  const t = getTranslator(target.member.language);
  const updated = await db.update(media).set({ alt: parsed.data.alt }).where(target.scope).returning({ id: media.id });
  if (updated.length === 0) return formError(t("admin.mediaNotFound"), values);
  return { ok: true, message: t("admin.mediaAltSaved"), tags: await coverTags(target.member.id, input.mediaId) };
}

/** Deletes a medium: its row (posts that had it as cover lose it), then its bytes. */
export async function deleteMedia(
  input: { userId: string; blogId: number; mediaId: number },
  storage: MediaStorage = mediaStorage(),
): Promise<FormResult<{ tags: string[]; blogSlug: string }>> {
  const target = await loadManageable(input.userId, input.blogId, input.mediaId);
  if (!target) return formError(french("admin.mediaNotFound"), {});
  const t = getTranslator(target.member.language);
  const tags = await coverTags(target.member.id, input.mediaId);
  const deleted = await db
    .delete(media)
    .where(target.scope)
    .returning({ storageKey: media.storageKey });
  if (deleted.length === 0) return formError(t("admin.mediaNotFound"), {});
  try {
    await storage.delete(target.storageKey);
  } catch (error) {
    // The row is gone, so the medium is gone for everyone; a leftover file is only wasted space.
    console.error(`[médias] fichier ${target.storageKey} non supprimé`, error);
  }
  return { ok: true, message: t("admin.mediaDeleted"), tags, blogSlug: target.member.slug };
}
