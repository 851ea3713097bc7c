import "server-only";
import { TZDate } from "@date-fns/tz";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { asMember, getMemberBlog, type MemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { categories, media, postRevisions, posts, postTags, tags, POST_STATUSES, type PostStatus } from "@/lib/db/schema";
import { renderMarkdownSafely, type SafeRender } from "@/lib/markdown/render";
import { can } from "@/lib/permissions";
import { SEO_DESCRIPTION_MAX, SEO_TITLE_MAX } from "./seo";
import { POST_SLUG_PATTERN, slugify } from "./slug";

export const EDITOR_INTENTS = ["draft", "publish", "schedule", "unpublish"] as const;
export type EditorIntent = (typeof EDITOR_INTENTS)[number];

/**
 * The editor's fields as submitted; messages are catalogue keys, translated by the action. Fields the
 * editor shows only in some cases (the cover picker, when the blog has images) may be absent.
 */
export const postInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(80)
    .refine((value) => value === "" || POST_SLUG_PATTERN.test(value), "editor.slugMalformed")
    .default(""),
  body: z.string().max(200_000),
  excerpt: z.string().trim().max(500).default(""),
  category: z.string().trim().max(60).default(""),
  tags: z.string().trim().max(400).default(""),
  scheduledFor: z.string().trim().max(20).default(""),
  coverMediaId: z.string().trim().max(12).default(""),
  // « Référencement »: what search engines show, within the lengths they display.
  seoTitle: z.string().trim().max(SEO_TITLE_MAX).default(""),
  seoDescription: z.string().trim().max(SEO_DESCRIPTION_MAX).default(""),
  // The edit version the form was opened at (or last autosaved to): another tab's save in between is a conflict.
  baseVersion: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).optional()),
});
export type PostInput = z.infer<typeof postInputSchema>;

export type EditorPost = {
  id: number;
  blogId: number;
  authorId: string | null;
  slug: string;
  title: string;
  bodyMarkdown: string;
  excerpt: string;
  status: PostStatus;
  publishedAt: number | null;
  categoryName: string;
  tagNames: string;
  coverMediaId: number | null;
  excerptCustom: boolean;
  editVersion: number;
  pendingTitle: string | null;
  pendingBody: string | null;
  pendingSavedAt: number | null;
  updatedAt: number;
  seoTitle: string | null;
  seoDescription: string | null;
  previewToken: string | null;
};

/** A post as its editor shows it, with the caller's blog membership; null for anyone who may not edit it. */
export async function getPostForEditor(input: { postId: number; userId: string }): Promise<{ post: EditorPost; blog: MemberBlog } | null> {
  const [row] = await db
    .select({
      id: posts.id,
      blogId: posts.blogId,
      authorId: posts.authorId,
      slug: posts.slug,
      title: posts.title,
      bodyMarkdown: posts.bodyMarkdown,
      excerpt: posts.excerpt,
      status: posts.status,
      publishedAt: posts.publishedAt,
      categoryName: sql<string>`coalesce(${categories.name}, '')`,
      coverMediaId: posts.coverMediaId,
      excerptCustom: posts.excerptCustom,
      editVersion: posts.editVersion,
      pendingTitle: posts.pendingTitle,
      pendingBody: posts.pendingBody,
      pendingSavedAt: posts.pendingSavedAt,
      updatedAt: posts.updatedAt,
      seoTitle: posts.seoTitle,
      seoDescription: posts.seoDescription,
      previewToken: posts.previewToken,
    })
    .from(posts)
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(eq(posts.id, input.postId))
    .limit(1);
  if (!row) return null;
  const blog = await getMemberBlog({ userId: input.userId, blogId: row.blogId });
  if (!blog || !can(asMember(blog, input.userId), "post.edit", row)) return null;
  const tagRows = await db
    .select({ name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(eq(postTags.postId, row.id))
    .orderBy(sql`${tags.name} collate nocase`);
  return { post: { ...row, tagNames: tagRows.map((tag) => tag.name).join(", ") }, blog };
}

export type AdminPostRow = { id: number; title: string; slug: string; status: PostStatus; publishedAt: number | null; updatedAt: number; authorId: string | null };

/** A page of a blog's posts for its administration: one status or all, optionally matching words of the title. */
export async function listPostsForAdmin(input: {
  blogId: number;
  status?: PostStatus;
  query?: string;
  page: number;
  pageSize: number;
}): Promise<{ rows: AdminPostRow[]; total: number }> {
  const words = (input.query ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 6);
  const where = and(
    eq(posts.blogId, input.blogId),
    input.status ? eq(posts.status, input.status) : undefined,
    ...words.map((word) => sql`${posts.title} like ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`),
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: posts.id,
        title: posts.title,
        slug: posts.slug,
        status: posts.status,
        publishedAt: posts.publishedAt,
        updatedAt: posts.updatedAt,
        authorId: posts.authorId,
      })
      .from(posts)
      .where(where)
      .orderBy(desc(posts.updatedAt), desc(posts.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(posts).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function countPostsByStatus(blogId: number): Promise<Record<PostStatus, number>> {
  const rows = await db.select({ status: posts.status, total: count() }).from(posts).where(eq(posts.blogId, blogId)).groupBy(posts.status);
  const counts = Object.fromEntries(POST_STATUSES.map((status) => [status, 0])) as Record<PostStatus, number>;
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}

/** "2026-12-01T09:30" typed in the blog's time zone, as an instant; null if it is not a real date. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || date.getHours() !== hour) return null;
  return date.getTime();
}

/** An instant as "YYYY-MM-DDTHH:mm" in the blog's time zone, for a datetime-local field. */
export function toLocalDateTime(epochMs: number, timeZone: string): string {
  const date = new TZDate(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type SavePostOutcome =
  | { ok: true; postId: number; blogId: number; status: PostStatus; created: boolean; becamePublic: boolean; wasPublic: boolean; statusChanged: boolean; editVersion: number }
  | { ok: false; reason: "forbidden" | "not-found" }
  | { ok: false; reason: "conflict"; editVersion: number }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string> };

/** The catalogue key of the message for a text the renderer refused. */
export function renderRefusalKey(reason: Extract<SafeRender, { ok: false }>["reason"]): "editor.bodyTooComplex" | "editor.bodyTooLarge" {
  return reason === "too-large" ? "editor.bodyTooLarge" : "editor.bodyTooComplex";
}

function parseTagNames(text: string): string[] {
  const names = text
    .split(",")
    .map((name) => name.trim().replace(/\s+/g, " "))
    .filter((name) => name.length > 0 && name.length <= 40 && slugify(name).length > 0);
  return [...new Map(names.map((name) => [slugify(name), name])).values()].slice(0, 15);
}

/**
 * Saves a post for `userId` (a new one when `postId` is undefined) and moves it to the status the intent
 * asks for, keeping a revision of what was saved. Everything happens in one transaction.
 * `afterPublish` runs inside that transaction when the post becomes public (the newsletter queues there).
 */
export async function savePost(input: {
  userId: string;
  blogId: number;
  postId?: number;
  data: PostInput;
  intent: EditorIntent;
  now?: number;
  afterPublish?: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], post: { blogId: number; postId: number }) => Promise<unknown>;
}): Promise<SavePostOutcome> {
  const now = input.now ?? Date.now();
  const blog = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!blog) return { ok: false, reason: "forbidden" };

  let existing: { id: number; authorId: string | null; status: PostStatus; publishedAt: number | null; editVersion: number } | undefined;
  if (input.postId !== undefined) {
    [existing] = await db
      .select({ id: posts.id, authorId: posts.authorId, status: posts.status, publishedAt: posts.publishedAt, editVersion: posts.editVersion })
      .from(posts)
      .where(and(eq(posts.id, input.postId), eq(posts.blogId, blog.id)));
    if (!existing) return { ok: false, reason: "not-found" };
    if (!can(asMember(blog, input.userId), "post.edit", { blogId: blog.id, authorId: existing.authorId })) return { ok: false, reason: "forbidden" };
    // Saved from another tab (or by a co-author) since this form was opened: the caller is told, once.
    if (input.data.baseVersion !== undefined && input.data.baseVersion !== existing.editVersion) return { ok: false, reason: "conflict", editVersion: existing.editVersion };
  }

  const { data } = input;
  const slug = data.slug || slugify(data.title) || `article-${now}`;
  const fieldErrors: Record<string, string> = {};
  let status: PostStatus = existing?.status ?? "draft";
  let publishedAt = existing?.publishedAt ?? null;
  switch (input.intent) {
    case "publish":
      // Publishing now dates the post now; saving a published post keeps its date.
      if (status !== "published" || publishedAt === null) publishedAt = now;
      status = "published";
      break;
    case "schedule": {
      const at = parseLocalDateTime(data.scheduledFor, blog.timeZone);
      if (at === null) fieldErrors.scheduledFor = "editor.scheduleInvalid";
      else if (at <= now) fieldErrors.scheduledFor = "editor.schedulePast";
      else {
        status = "scheduled";
        publishedAt = at;
      }
      break;
    }
    case "unpublish":
      status = "draft";
      break;
    case "draft":
      break;
  }
  // An empty post is never sent to readers (nor mailed to subscribers).
  if ((input.intent === "publish" || input.intent === "schedule") && data.body.trim() === "") fieldErrors.body = "editor.bodyEmpty";
  let coverMediaId: number | null = null;
  if (data.coverMediaId) {
    const [cover] = await db.select({ id: media.id }).from(media).where(and(eq(media.id, Number(data.coverMediaId)), eq(media.blogId, blog.id)));
    if (cover) coverMediaId = cover.id;
    else fieldErrors.coverMediaId = "forms.invalid";
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", fieldErrors };

  // Rendered off the main thread, under a time limit; a text refused keeps the post as it was.
  const rendered = await renderMarkdownSafely(data.body);
  if (!rendered.ok) return { ok: false, reason: "invalid", fieldErrors: { body: renderRefusalKey(rendered.reason) } };
  const bodyHtml = rendered.html;
  // The summary follows the text until the blogger writes one; an emptied field makes it automatic again.
  const excerptCustom = data.excerpt !== "";
  const excerpt = data.excerpt || rendered.excerpt;
  const wasPublic = existing?.status === "published";
  const becamePublic = status === "published" && !wasPublic;

  try {
    const saved = await db.transaction(async (tx) => {
      let categoryId: number | null = null;
      if (data.category) {
        const categorySlug = slugify(data.category) || "categorie";
        await tx.insert(categories).values({ blogId: blog.id, slug: categorySlug, name: data.category }).onConflictDoNothing();
        const [category] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.blogId, blog.id), eq(categories.slug, categorySlug)));
        categoryId = category?.id ?? null;
      }
      // What is saved is public (or the draft itself): an autosave kept aside is done with.
      const values = {
        slug,
        title: data.title,
        bodyMarkdown: data.body,
        bodyHtml,
        excerpt,
        excerptCustom,
        status,
        publishedAt,
        categoryId,
        coverMediaId,
        seoTitle: data.seoTitle || null,
        seoDescription: data.seoDescription || null,
        pendingTitle: null,
        pendingBody: null,
        pendingSavedAt: null,
        updatedAt: now,
      };
      let id: number;
      let version: number;
      if (existing) {
        const [updated] = await tx
          .update(posts)
          .set({ ...values, editVersion: sql`${posts.editVersion} + 1` })
          .where(and(eq(posts.id, existing.id), eq(posts.blogId, blog.id)))
          .returning({ editVersion: posts.editVersion });
        id = existing.id;
        version = updated?.editVersion ?? existing.editVersion + 1;
      } else {
        const [created] = await tx
          .insert(posts)
          .values({ ...values, editVersion: 1, blogId: blog.id, authorId: input.userId, createdAt: now })
          .returning({ id: posts.id });
        if (!created) throw new Error("post not created");
        id = created.id;
        version = 1;
      }
      const tagNames = parseTagNames(data.tags);
      await tx.delete(postTags).where(eq(postTags.postId, id));
      if (tagNames.length > 0) {
        await tx.insert(tags).values(tagNames.map((name) => ({ blogId: blog.id, slug: slugify(name), name }))).onConflictDoNothing();
        const tagRows = await tx
          .select({ id: tags.id })
          .from(tags)
          .where(and(eq(tags.blogId, blog.id), inArray(tags.slug, tagNames.map((name) => slugify(name)))));
        if (tagRows.length > 0) await tx.insert(postTags).values(tagRows.map((tag) => ({ postId: id, tagId: tag.id })));
      }
      await tx.insert(postRevisions).values({ blogId: blog.id, postId: id, authorId: input.userId, title: data.title, bodyMarkdown: data.body, excerpt: data.excerpt, createdAt: now });
      if (becamePublic && input.afterPublish) await input.afterPublish(tx, { blogId: blog.id, postId: id });
      return { id, version };
    });
    return { ok: true, postId: saved.id, blogId: blog.id, status, created: !existing, becamePublic, wasPublic, statusChanged: existing?.status !== status, editVersion: saved.version };
  } catch (error) {
    if (isUniqueViolation(error, "post.slug")) return { ok: false, reason: "invalid", fieldErrors: { slug: "editor.slugTaken" } };
    throw error;
  }
}

/** Deletes a post the caller may edit; returns what the caches need, or null when refused. */
export async function deletePost(input: { userId: string; postId: number }): Promise<{ blogId: number; wasPublic: boolean } | null> {
  const target = await getPostForEditor(input);
  if (!target) return null;
  await db.delete(posts).where(and(eq(posts.id, input.postId), eq(posts.blogId, target.blog.id)));
  return { blogId: target.blog.id, wasPublic: target.post.status === "published" };
}

export async function listRevisions(input: { postId: number; userId: string }) {
  const target = await getPostForEditor(input);
  if (!target) return null;
  const revisions = await db
    .select({ id: postRevisions.id, title: postRevisions.title, createdAt: postRevisions.createdAt, length: sql<number>`length(${postRevisions.bodyMarkdown})`.mapWith(Number) })
    .from(postRevisions)
    .where(and(eq(postRevisions.postId, input.postId), eq(postRevisions.blogId, target.blog.id)))
    .orderBy(desc(postRevisions.id))
    .limit(100);
  return { ...target, revisions };
}

export type RestoreOutcome =
  | { ok: true; postId: number; blogId: number; isPublic: boolean }
  | { ok: false; reason: "forbidden" | "too-complex" | "too-large" };

/** Puts an earlier revision's title, text and excerpt back into the post (itself saved as a new revision). */
export async function restoreRevision(input: { userId: string; revisionId: number; now?: number }): Promise<RestoreOutcome> {
  const [revision] = await db
    .select({ postId: postRevisions.postId, blogId: postRevisions.blogId, title: postRevisions.title, bodyMarkdown: postRevisions.bodyMarkdown, excerpt: postRevisions.excerpt })
    .from(postRevisions)
    .where(eq(postRevisions.id, input.revisionId));
  if (!revision) return { ok: false, reason: "forbidden" };
  const target = await getPostForEditor({ postId: revision.postId, userId: input.userId });
  if (!target || target.blog.id !== revision.blogId) return { ok: false, reason: "forbidden" };
  // A revision kept from before the renderer had its limits may be one it now refuses.
  const rendered = await renderMarkdownSafely(revision.bodyMarkdown);
  if (!rendered.ok) return rendered;
  const now = input.now ?? Date.now();
  await db.transaction(async (tx) => {
    await tx
      .update(posts)
      .set({
        title: revision.title,
        bodyMarkdown: revision.bodyMarkdown,
        bodyHtml: rendered.html,
        excerpt: revision.excerpt || rendered.excerpt,
        excerptCustom: revision.excerpt !== "",
        pendingTitle: null,
        pendingBody: null,
        pendingSavedAt: null,
        editVersion: sql`${posts.editVersion} + 1`,
        updatedAt: now,
      })
      .where(and(eq(posts.id, revision.postId), eq(posts.blogId, revision.blogId)));
    await tx.insert(postRevisions).values({ ...revision, authorId: input.userId, createdAt: now });
  });
  return { ok: true, postId: revision.postId, blogId: revision.blogId, isPublic: target.post.status === "published" };
}


export type AutosaveOutcome =
  | { ok: true; postId: number; editVersion: number; savedAt: number; pending: boolean }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; other: { title: string; body: string; editVersion: number; savedAt: number } };

/**
 * The editor's autosave: never publishes, never touches what readers see. A draft's title and text are
 * written into the draft (a new post becomes a draft); a scheduled or published post's are kept aside
 * as its pending revision until « Mettre à jour ». The write names the edit version the editor last saw
 * in its WHERE: if another tab saved in between, nothing is written and the other version is returned.
 * Nothing is rendered here (a draft is rendered when it is published), so an autosave costs one write.
 */
export async function autosavePost(input: {
  userId: string;
  blogId: number;
  postId?: number;
  title: string;
  body: string;
  baseVersion: number;
  now?: number;
}): Promise<AutosaveOutcome> {
  const now = input.now ?? Date.now();
  if (input.postId === undefined) {
    const base = slugify(input.title) || "brouillon";
    const draft = { blogId: input.blogId, authorId: input.userId, title: input.title, bodyMarkdown: input.body, status: "draft" as const, editVersion: 1, createdAt: now, updatedAt: now };
    // The title's address, unless another post has it: then one no other post can have.
    const [created] = await db
      .insert(posts)
      .values({ ...draft, slug: base })
      .onConflictDoNothing()
      .returning({ id: posts.id });
    const id = created?.id ?? (await db.insert(posts).values({ ...draft, slug: `${base}-${now.toString(36)}` }).returning({ id: posts.id }))[0]?.id;
    if (id === undefined) throw new Error("draft not created");
    return { ok: true, postId: id, editVersion: 1, savedAt: now, pending: false };
  }
  const where = and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId), eq(posts.editVersion, input.baseVersion));
  const [draft] = await db
    .update(posts)
    .set({ title: input.title, bodyMarkdown: input.body, editVersion: sql`${posts.editVersion} + 1`, updatedAt: now })
    .where(and(where, eq(posts.status, "draft")))
    .returning({ editVersion: posts.editVersion });
  if (draft) return { ok: true, postId: input.postId, editVersion: draft.editVersion, savedAt: now, pending: false };
  const [pending] = await db
    .update(posts)
    .set({ pendingTitle: input.title, pendingBody: input.body, pendingSavedAt: now, editVersion: sql`${posts.editVersion} + 1` })
    .where(and(where, inArray(posts.status, ["scheduled", "published"])))
    .returning({ editVersion: posts.editVersion });
  if (pending) return { ok: true, postId: input.postId, editVersion: pending.editVersion, savedAt: now, pending: true };
  const [current] = await db
    .select({
      title: sql<string>`coalesce(${posts.pendingTitle}, ${posts.title})`,
      body: sql<string>`coalesce(${posts.pendingBody}, ${posts.bodyMarkdown})`,
      editVersion: posts.editVersion,
      savedAt: sql<number>`coalesce(${posts.pendingSavedAt}, ${posts.updatedAt})`.mapWith(Number),
    })
    .from(posts)
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId)));
  return current ? { ok: false, reason: "conflict", other: current } : { ok: false, reason: "not-found" };
}

/** Drops a published or scheduled post's pending revision: the editor shows the public text again. */
export async function discardPendingRevision(input: { blogId: number; postId: number }): Promise<void> {
  await db
    .update(posts)
    .set({ pendingTitle: null, pendingBody: null, pendingSavedAt: null, editVersion: sql`${posts.editVersion} + 1` })
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId)));
}

/**
 * Gives a draft or scheduled post of the blog a preview link, replacing the one it had (whose address
 * then answers 404); null when the blog has no such unpublished post. Neither the text nor its edit
 * version changes: an editor open elsewhere goes on saving.
 */
export async function openPreviewLink(input: { blogId: number; postId: number; token: string }): Promise<string | null> {
  const [row] = await db
    .update(posts)
    .set({ previewToken: input.token })
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId), inArray(posts.status, ["draft", "scheduled"])))
    .returning({ token: posts.previewToken });
  return row?.token ?? null;
}

/** Withdraws the post's preview link: its address answers 404 from now on. */
export async function closePreviewLink(input: { blogId: number; postId: number }): Promise<void> {
  await db
    .update(posts)
    .set({ previewToken: null })
    .where(and(eq(posts.id, input.postId), eq(posts.blogId, input.blogId)));
}
