import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { categories, comments, media, posts, postTags, tags } from "@/lib/db/schema";
import { streamBlogExport } from "@/lib/export/blog-zip";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { importXmlFile, surveyXmlFile } from "@/lib/import/run";
import { uploadMedia } from "@/lib/media/mutations";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";
import { fillBlog } from "../helpers/blog-content";
import { readZipStream, type ZipEntries } from "../helpers/zip";

// A Carnet export read back by Carnet's own WordPress importer into an empty blog: nothing is lost.

const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-round-trip-")));
let converter: HtmlConverter;
let source: { id: number };
let target: { id: number };
let entries: ZipEntries;
let content: Awaited<ReturnType<typeof fillBlog>>;

const SEO_TITLE = "La Loire à vélo d'Orléans à Blois en trois étapes";
const SEO_DESCRIPTION = "Itinéraire, distances et haltes d'une descente de la Loire à vélo, d'Orléans à Blois.";

const postsOf = (blogId: number) =>
  db
    .select({ id: posts.id, slug: posts.slug, title: posts.title, status: posts.status, publishedAt: posts.publishedAt, bodyMarkdown: posts.bodyMarkdown, coverMediaId: posts.coverMediaId, categoryId: posts.categoryId })
    .from(posts)
    .where(eq(posts.blogId, blogId))
    .orderBy(asc(posts.slug));

async function tagNames(postId: number) {
  const rows = await db.select({ name: tags.name }).from(postTags).innerJoin(tags, eq(tags.id, postTags.tagId)).where(eq(postTags.postId, postId));
  return rows.map((row) => row.name).sort();
}

async function categoryName(categoryId: number | null) {
  if (categoryId === null) return null;
  const [row] = await db.select({ name: categories.name }).from(categories).where(eq(categories.id, categoryId));
  return row?.name ?? null;
}

beforeAll(async () => {
  converter = createHtmlConverter();
  const owner = await createUser("Odile Aller");
  source = await createBlog("aller", owner);
  content = await fillBlog(source, owner.id, storage);
  await db.update(posts).set({ seoTitle: SEO_TITLE, seoDescription: SEO_DESCRIPTION }).where(and(eq(posts.blogId, source.id), eq(posts.slug, "au-fil-de-la-loire")));
  entries = await readZipStream((await streamBlogExport(source.id, storage))!);
  const wxrPath = join(mkdtempSync(join(tmpdir(), "carnet-wxr-")), "wordpress.xml");
  writeFileSync(wxrPath, entries.get("wordpress.xml")!.bytes);

  const newcomer = await createUser("Odile Retour");
  target = await createBlog("retour", newcomer);
  // The images come from the zip's own medias/ folder, as an operator re-importing an export would have them.
  const localizeImage = async (address: string) => {
    const key = /\/medias\/([a-f0-9]{32}\.[a-z]+)$/.exec(address)?.[1];
    const bytes = key ? entries.get(`medias/${key}`)?.bytes : undefined;
    if (!bytes) return { ok: false as const, problem: { key: "import.problems.imageFailed", values: { address } } };
    const uploaded = await uploadMedia({ userId: newcomer.id, blogId: target.id, bytes, alt: "" }, storage);
    if (!uploaded.ok) return { ok: false as const, problem: { key: "import.problems.imageFailed", values: { address } } };
    const [row] = await db.select({ storageKey: media.storageKey }).from(media).where(eq(media.id, uploaded.mediaId));
    return { ok: true as const, storageKey: row!.storageKey, mediaId: uploaded.mediaId };
  };
  const summary = await surveyXmlFile(wxrPath);
  await importXmlFile({ blogId: target.id, userId: newcomer.id, converter, localizeImage }, wxrPath, summary);
}, 60_000);

afterAll(async () => {
  await converter.close();
});

describe("a Carnet export imported into an empty Carnet blog", () => {
  it("brings back every post with its title, slug, status and publication date", async () => {
    const before = await postsOf(source.id);
    const after = await postsOf(target.id);
    expect(after.map(({ slug, title, status, publishedAt }) => ({ slug, title, status, publishedAt }))).toEqual(
      before.map(({ slug, title, status, publishedAt }) => ({ slug, title, status, publishedAt })),
    );
  });

  it("keeps each post's category and tags", async () => {
    const before = await postsOf(source.id);
    const after = await postsOf(target.id);
    for (const [index, post] of before.entries()) {
      const copy = after[index]!;
      expect(await categoryName(copy.categoryId)).toBe(await categoryName(post.categoryId));
      expect(await tagNames(copy.id)).toEqual(await tagNames(post.id));
    }
  });

  it("keeps the text, the hostile post's included, still without anything that runs", async () => {
    const after = await postsOf(target.id);
    const published = after.find((post) => post.slug === "au-fil-de-la-loire")!;
    expect(published.bodyMarkdown).toContain("**Orléans**");
    expect(published.bodyMarkdown).toMatch(/\| *étape *\| *km *\|/);
    const hostile = after.find((post) => post.slug === "billet-piege")!;
    expect(hostile.bodyMarkdown).toContain("]]>");
    expect(hostile.bodyMarkdown).not.toMatch(/<script|onerror|javascript:/);
  });

  it("brings the comments back with their writers, dates, statuses and threads", async () => {
    const after = await postsOf(target.id);
    const published = after.find((post) => post.slug === "au-fil-de-la-loire")!;
    const rows = await db.select().from(comments).where(and(eq(comments.blogId, target.id), eq(comments.postId, published.id))).orderBy(asc(comments.createdAt));
    expect(rows.map((row) => [row.authorName, row.authorEmail, row.body, row.status, row.createdAt])).toEqual([
      ["Mireille", "mireille@exemple.fr", "Quel beau parcours !", "approved", Date.UTC(2012, 5, 25, 8)],
      ["Odile", "odile@exemple.fr", "Merci Mireille, à refaire.", "approved", Date.UTC(2012, 5, 25, 9)],
      ["Mireille", "mireille@exemple.fr", "Je vous suis l'an prochain.", "approved", Date.UTC(2012, 5, 25, 10)],
      ["Paul", "paul@exemple.fr", "En attente de relecture.", "pending", Date.UTC(2012, 5, 26, 10)],
    ]);
    // Carnet's threads are one level deep: answers hang under the comment that opened the thread.
    const [first, reply, deep, pending] = rows;
    expect([first?.parentId, reply?.parentId, deep?.parentId, pending?.parentId]).toEqual([null, first?.id, first?.id, null]);
  });

  it("brings the images back into the new blog's media, the text and the cover pointing at them", async () => {
    const after = await postsOf(target.id);
    const published = after.find((post) => post.slug === "au-fil-de-la-loire")!;
    const imported = await db.select({ id: media.id, storageKey: media.storageKey }).from(media).where(eq(media.blogId, target.id));
    expect(imported.length).toBeGreaterThanOrEqual(2);
    const inText = /\/medias\/([a-f0-9]{32}\.[a-z]+)/.exec(published.bodyMarkdown)?.[1];
    expect(imported.map((row) => row.storageKey)).toContain(inText);
    expect(inText).not.toBe(content.media.inlineKey);
    expect(await storage.get(inText!)).not.toBeNull();
    expect(imported.map((row) => row.id)).toContain(published.coverMediaId);
  });

  it("keeps the search engine title and description, written as Yoast's post meta and in the Markdown's front matter", async () => {
    const wxr = entries.get("wordpress.xml")!.bytes.toString("utf8");
    expect(wxr).toContain("_yoast_wpseo_title");
    expect(entries.get("articles/au-fil-de-la-loire.md")!.bytes.toString("utf8")).toContain(`seo_title: La Loire à vélo d'Orléans à Blois en trois étapes`);
    const copies = await db.select({ slug: posts.slug, seoTitle: posts.seoTitle, seoDescription: posts.seoDescription }).from(posts).where(eq(posts.blogId, target.id));
    expect(copies.find((post) => post.slug === "au-fil-de-la-loire")).toEqual({ slug: "au-fil-de-la-loire", seoTitle: SEO_TITLE, seoDescription: SEO_DESCRIPTION });
    expect(copies.filter((post) => post.seoTitle !== null || post.seoDescription !== null)).toHaveLength(1);
  });
});
