import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { categories, comments, importedItems, importJobs, oldAddresses, posts, postTags, tags, type ImportProblem } from "@/lib/db/schema";
import { COMMENT_BODY_MAX, COMMENT_NAME_MAX, COMMENT_WEBSITE_MAX } from "@/lib/comments/validation";
import { mediaPath } from "@/lib/media/format";
import { slugify } from "@/lib/posts/slug";
import type { HtmlConverter } from "./converter";
import { replaceImageSources } from "./html-to-markdown";
import { normalizeOldPath } from "./old-paths";
import type { SourceComment, SourcePost } from "./source-items";

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0];

/** Fetches an image into the blog's media: its Carnet address, or null (the problem is reported by the importer of images). */
export type ImageLocalizer = (address: string) => Promise<{ ok: true; storageKey: string; mediaId: number } | { ok: false; problem: ImportProblem }>;

export type ImportTarget = {
  blogId: number;
  // The importing blogger: author of every imported post.
  userId: string;
  // The job whose progress is written with each batch, if any.
  jobId?: number;
  converter: HtmlConverter;
  localizeImage?: ImageLocalizer;
  // Which images are brought into the media (all when absent); the others keep their address, unreported.
  importsImage?: (address: string) => boolean;
  // WordPress bodies have no paragraphs of their own.
  addParagraphs?: boolean;
};

type PreparedPost = {
  source: SourcePost;
  markdown: string;
  html: string;
  excerpt: string;
  coverMediaId: number | null;
  comments: (SourceComment & { text: string; rootSourceId: string | null })[];
};

/** The label under which imported pages are tagged: Carnet has posts only. */
export const PAGE_TAG_NAME = "Page";

/** The top-level comment of each comment's thread (Carnet shows one level of replies); null for a top-level one. */
export function threadRoots(list: readonly Pick<SourceComment, "sourceId" | "parentSourceId">[]): Map<string, string | null> {
  const parents = new Map(list.map((comment) => [comment.sourceId, comment.parentSourceId]));
  const roots = new Map<string, string | null>();
  for (const comment of list) {
    let current = comment.sourceId;
    const seen = new Set<string>([current]);
    for (;;) {
      const parent = parents.get(current);
      // A parent missing from the source (or a cycle) makes the comment a top-level one.
      if (!parent || !parents.has(parent) || seen.has(parent)) break;
      seen.add(parent);
      current = parent;
    }
    roots.set(comment.sourceId, current === comment.sourceId ? null : current);
  }
  return roots;
}

async function preparePost(target: ImportTarget, source: SourcePost, problems: ImportProblem[]): Promise<PreparedPost | null> {
  const converted = await target.converter.toMarkdown(source.html, { addParagraphs: target.addParagraphs });
  if (!converted.ok) {
    problems.push({ key: `import.problems.body.${converted.problem}`, values: { title: source.title || source.sourceKey } });
    return null;
  }
  let markdown = converted.output.markdown;
  let coverMediaId: number | null = null;
  if (target.localizeImage) {
    const replacements = new Map<string, string>();
    for (const address of converted.output.images) {
      if (target.importsImage && !target.importsImage(address)) continue;
      const image = await target.localizeImage(address);
      if (image.ok) replacements.set(address, mediaPath(image.storageKey));
      else problems.push(image.problem);
    }
    markdown = replaceImageSources(markdown, replacements);
    if (source.featuredImageUrl) {
      const cover = await target.localizeImage(source.featuredImageUrl);
      if (cover.ok) coverMediaId = cover.mediaId;
      else problems.push(cover.problem);
    }
  }
  const rendered = await target.converter.render(markdown, source.excerpt);
  if (!rendered.ok) {
    problems.push({ key: `import.problems.body.${rendered.problem}`, values: { title: source.title || source.sourceKey } });
    return null;
  }
  const roots = threadRoots(source.comments);
  const prepared: PreparedPost["comments"] = [];
  for (const comment of source.comments) {
    if (comment.status === "spam") continue;
    const text = await target.converter.toText(comment.body);
    if (!text.ok || text.output.length === 0) {
      if (!text.ok) problems.push({ key: "import.problems.comment", values: { title: source.title, author: comment.authorName } });
      continue;
    }
    prepared.push({ ...comment, text: text.output.slice(0, COMMENT_BODY_MAX), rootSourceId: roots.get(comment.sourceId) ?? null });
  }
  // Top-level comments first, so that replies find the row of their thread.
  prepared.sort((a, b) => Number(a.rootSourceId !== null) - Number(b.rootSourceId !== null));
  return { source, markdown, html: rendered.output.html, excerpt: rendered.output.excerpt, coverMediaId, comments: prepared };
}

async function findImported(tx: Transaction, blogId: number, entity: "post" | "comment", sourceKey: string): Promise<number | null> {
  const [row] = await tx
    .select({ localId: importedItems.localId })
    .from(importedItems)
    .where(and(eq(importedItems.blogId, blogId), eq(importedItems.entity, entity), eq(importedItems.sourceKey, sourceKey)))
    .limit(1);
  return row?.localId ?? null;
}

async function rememberImported(tx: Transaction, blogId: number, entity: "post" | "comment", sourceKey: string, localId: number): Promise<void> {
  await tx
    .insert(importedItems)
    .values({ blogId, entity, sourceKey, localId })
    .onConflictDoUpdate({ target: [importedItems.blogId, importedItems.entity, importedItems.sourceKey], set: { localId } });
}

async function categoryIdFor(tx: Transaction, blogId: number, name: string | undefined): Promise<number | null> {
  const cleaned = name?.trim().replace(/\s+/g, " ").slice(0, 60);
  const slug = cleaned ? slugify(cleaned, 60) : "";
  if (!cleaned || !slug) return null;
  await tx.insert(categories).values({ blogId, slug, name: cleaned }).onConflictDoNothing();
  const [row] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.blogId, blogId), eq(categories.slug, slug)));
  return row?.id ?? null;
}

async function tagIdsFor(tx: Transaction, blogId: number, names: string[]): Promise<number[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const cleaned = name.trim().replace(/\s+/g, " ").slice(0, 40);
    const slug = slugify(cleaned, 40);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, cleaned);
  }
  if (bySlug.size === 0) return [];
  await tx
    .insert(tags)
    .values([...bySlug].map(([slug, name]) => ({ blogId, slug, name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.blogId, blogId), inArray(tags.slug, [...bySlug.keys()])));
  return rows.map((row) => row.id);
}

/** A slug of this blog no other post has: the source's, or it followed by -2, -3… */
async function freeSlug(tx: Transaction, blogId: number, wanted: string): Promise<string> {
  const base = (wanted || "article").slice(0, 72);
  const taken = new Set(
    (
      await tx
        .select({ slug: posts.slug })
        .from(posts)
        .where(and(eq(posts.blogId, blogId), sql`(${posts.slug} = ${base} or ${posts.slug} like ${`${base}-%`})`))
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function writePost(tx: Transaction, target: ImportTarget, prepared: PreparedPost, now: number): Promise<number> {
  const { source } = prepared;
  const blogId = target.blogId;
  const categoryId = await categoryIdFor(tx, blogId, source.categories[0]);
  const tagIds = await tagIdsFor(tx, blogId, [...source.categories.slice(1), ...source.tags, ...(source.isPage ? [PAGE_TAG_NAME] : [])]);
  const publishedAt = source.status === "draft" ? null : (source.publishedAt ?? now);
  const fields = {
    title: (source.title.trim() || source.slug || "Sans titre").slice(0, 200),
    bodyMarkdown: prepared.markdown,
    bodyHtml: prepared.html,
    excerpt: prepared.excerpt,
    status: source.status,
    publishedAt,
    categoryId,
    coverMediaId: prepared.coverMediaId,
    seoTitle: source.seoTitle ?? null,
    seoDescription: source.seoDescription ?? null,
    // An imported post is not news: subscribers are never mailed about it.
    newsletterQueuedAt: source.status === "published" ? now : null,
    updatedAt: now,
  };

  const knownId = await findImported(tx, blogId, "post", source.sourceKey);
  const [existing] = knownId
    ? await tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.id, knownId), eq(posts.blogId, blogId)))
    : [];
  let postId: number;
  if (existing) {
    // Importing again refreshes the post and keeps its Carnet address.
    await tx
      .update(posts)
      .set(fields)
      .where(and(eq(posts.id, existing.id), eq(posts.blogId, blogId)));
    postId = existing.id;
  } else {
    const slug = await freeSlug(tx, blogId, source.slug);
    const [row] = await tx
      .insert(posts)
      .values({ ...fields, blogId, authorId: target.userId, slug, createdAt: source.publishedAt ?? now })
      .returning({ id: posts.id });
    if (!row) throw new Error("imported post not written");
    postId = row.id;
    await rememberImported(tx, blogId, "post", source.sourceKey, postId);
  }

  await tx.delete(postTags).where(eq(postTags.postId, postId));
  if (tagIds.length > 0) await tx.insert(postTags).values(tagIds.map((tagId) => ({ postId, tagId })));
  for (const path of new Set(source.oldAddresses.map(normalizeOldPath))) {
    if (path === "/") continue;
    await tx
      .insert(oldAddresses)
      .values({ blogId, path: path.slice(0, 1000), postId })
      .onConflictDoUpdate({ target: [oldAddresses.blogId, oldAddresses.path], set: { postId } });
  }

  const localComments = new Map<string, number>();
  for (const comment of prepared.comments) {
    const key = `${source.sourceKey}:comment:${comment.sourceId}`;
    const known = await findImported(tx, blogId, "comment", key);
    if (known) {
      localComments.set(comment.sourceId, known);
      continue;
    }
    const [row] = await tx
      .insert(comments)
      .values({
        blogId,
        postId,
        parentId: comment.rootSourceId ? (localComments.get(comment.rootSourceId) ?? null) : null,
        authorName: (comment.authorName || "Anonyme").slice(0, COMMENT_NAME_MAX),
        authorEmail: comment.authorEmail.slice(0, 254),
        authorUrl: comment.authorUrl && /^https?:\/\//i.test(comment.authorUrl) ? comment.authorUrl.slice(0, COMMENT_WEBSITE_MAX) : null,
        body: comment.text,
        status: comment.status === "approved" ? "approved" : "pending",
        heldReason: comment.status === "approved" ? null : "import",
        createdAt: comment.createdAt ?? now,
      })
      .returning({ id: comments.id });
    if (!row) throw new Error("imported comment not written");
    localComments.set(comment.sourceId, row.id);
    await rememberImported(tx, blogId, "comment", key, row.id);
  }
  return postId;
}

export type BatchOutcome = { postIds: number[]; problems: ImportProblem[] };

/**
 * Imports a batch of source items into a blog: bodies converted and images fetched first, then every
 * post, its comments and old addresses written in one transaction together with the job's progress
 * (`itemsHandled` more items done), so that a stopped import resumes after the last batch written.
 */
export async function importBatch(
  target: ImportTarget,
  batch: readonly SourcePost[],
  itemsHandled: number,
  knownProblems: readonly ImportProblem[] = [],
): Promise<BatchOutcome> {
  const problems: ImportProblem[] = [...knownProblems];
  const prepared: PreparedPost[] = [];
  for (const source of batch) {
    const ready = await preparePost(target, source, problems);
    if (ready) prepared.push(ready);
  }
  const now = Date.now();
  const postIds = await db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const post of prepared) ids.push(await writePost(tx, target, post, now));
    if (target.jobId !== undefined) await recordProgress(tx, target.jobId, itemsHandled, problems);
    return ids;
  });
  return { postIds, problems };
}

export type ImportRun = { postIds: number[]; problems: ImportProblem[]; itemsDone: number };

/**
 * Gathers a source's items into batches for importBatch. Every item passed counts as handled (imported,
 * skipped or refused), so that a resumed job skips exactly what a batch already wrote.
 */
export function createBatchWriter(
  target: ImportTarget,
  options: { skip: number; problems?: ImportProblem[]; onBatch?: (itemsDone: number) => Promise<void> | void },
) {
  const run: ImportRun = { postIds: [], problems: [], itemsDone: options.skip };
  let batch: SourcePost[] = [];
  let noted: ImportProblem[] = [...(options.problems ?? [])];
  let handled = 0;
  return {
    run,
    /** One item of the source: a post to import (or null), and what was noted about it. */
    add(post: SourcePost | null, problems: ImportProblem[] = []) {
      handled += 1;
      if (post) batch.push(post);
      noted.push(...problems);
    },
    pending: () => ({ posts: batch.length, handled }),
    async flush() {
      if (handled === 0 && noted.length === 0) return;
      const outcome = await importBatch(target, batch, handled, noted);
      run.postIds.push(...outcome.postIds);
      run.problems.push(...outcome.problems);
      run.itemsDone += handled;
      batch = [];
      noted = [];
      handled = 0;
      await options.onBatch?.(run.itemsDone);
    },
  };
}

/** The first problems of a job are kept for the blogger; later ones are only counted. */
export const MAX_REPORTED_PROBLEMS = 200;

async function recordProgress(tx: Transaction, jobId: number, itemsHandled: number, problems: ImportProblem[]): Promise<void> {
  const [job] = await tx.select({ report: importJobs.report }).from(importJobs).where(eq(importJobs.id, jobId));
  const report = [...(job?.report ?? []), ...problems].slice(0, MAX_REPORTED_PROBLEMS);
  await tx
    .update(importJobs)
    .set({
      itemsDone: sql`${importJobs.itemsDone} + ${itemsHandled}`,
      errorCount: sql`${importJobs.errorCount} + ${problems.length}`,
      ...(problems.length > 0 ? { report } : {}),
    })
    .where(eq(importJobs.id, jobId));
}
