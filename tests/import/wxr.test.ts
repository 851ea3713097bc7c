import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { categories, comments, importJobs, oldAddresses, posts, postTags, tags } from "@/lib/db/schema";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { claimImportJob, createImportJob, runImportJob } from "@/lib/import/jobs";
import { importXmlFile, surveyXmlFile } from "@/lib/import/run";
import { makeBlog, makeUser } from "../helpers/fixtures";
import { fixtureFile } from "./helpers";

let converter: HtmlConverter;
beforeAll(async () => {
  converter = createHtmlConverter();
  // The worker thread starts once for the file, before the first timed test.
  await converter.toText("<p>prêt</p>");
}, 60_000);
afterAll(async () => {
  await converter.close();
});

async function importFixture(name: string, edit?: (text: string) => string) {
  const userId = await makeUser("Hélène");
  const blog = await makeBlog(userId);
  const path = fixtureFile(name, undefined, edit);
  const summary = await surveyXmlFile(path);
  const run = await importXmlFile({ blogId: blog.id, userId, converter }, path, summary);
  return { userId, blog, path, summary, run };
}

const postsOf = (blogId: number) => db.select().from(posts).where(eq(posts.blogId, blogId)).orderBy(asc(posts.id));

describe("WordPress import", () => {
  it("brings in posts, pages, drafts and scheduled posts with their GMT dates and slugs, as the importing blogger's", async () => {
    const { userId, blog, summary } = await importFixture("wordpress.xml");
    expect(summary.format).toBe("wxr");
    const rows = await postsOf(blog.id);
    expect(rows.map((row) => [row.title, row.status, row.slug])).toEqual([
      ["Les tomates cœur-de-bœuf & leurs secrets", "published", "les-tomates-coeur-de-boeuf"],
      ["Brouillon : la soupe d'orties", "draft", "brouillon-la-soupe-d-orties"],
      ["Randonnée au Ménez-Hom", "scheduled", "randonnee-au-menez-hom"],
      ["À propos", "published", "a-propos"],
    ]);
    expect(rows[0]?.publishedAt).toBe(Date.UTC(2019, 2, 24, 9, 30));
    expect(rows[1]?.publishedAt).toBeNull();
    expect(rows[2]?.publishedAt).toBe(Date.UTC(2031, 6, 14, 6, 0));
    expect(rows.every((row) => row.authorId === userId)).toBe(true);
    // Nobody is mailed about years-old posts.
    expect(rows[0]?.newsletterQueuedAt).not.toBeNull();
  });

  it("turns bodies into Markdown that keeps tables and superscripts and drops scripts and javascript: links", async () => {
    const { blog } = await importFixture("wordpress.xml");
    const [post] = await postsOf(blog.id);
    expect(post?.bodyMarkdown).toContain("| Étape     | Mois    |");
    expect(post?.bodyMarkdown).toContain("10<sup>2</sup>");
    expect(post?.bodyMarkdown).toContain("## Le calendrier");
    expect(post?.bodyMarkdown).toContain("[un vrai lien](https://fr.wikipedia.org/wiki/Tomate)");
    expect(post?.bodyMarkdown).not.toMatch(/script|alert|javascript:/);
    expect(post?.bodyHtml).toContain("<table>");
    expect(post?.bodyHtml).not.toMatch(/<script|javascript:/);
    expect(post?.excerpt).toBe("Semis, repiquage et récolte des tomates cœur-de-bœuf.");
  });

  it("files the first category as the post's category and the others, with tags, as tags; pages are tagged « Page »", async () => {
    const { blog } = await importFixture("wordpress.xml");
    const [tomatoes, , , about] = await postsOf(blog.id);
    const [category] = await db.select({ name: categories.name }).from(categories).where(eq(categories.id, tomatoes?.categoryId ?? -1));
    expect(category?.name).toBe("Potager");
    const tagNames = async (postId: number) =>
      (await db.select({ name: tags.name }).from(postTags).innerJoin(tags, eq(tags.id, postTags.tagId)).where(eq(postTags.postId, postId))).map((t) => t.name).sort();
    expect(await tagNames(tomatoes?.id ?? -1)).toEqual(["Jardin", "semis d'hiver", "tomates"]);
    expect(await tagNames(about?.id ?? -1)).toEqual(["Page"]);
  });

  it("keeps comment threads one level deep, approved and pending, and leaves spam out", async () => {
    const { blog } = await importFixture("wordpress.xml");
    const [post] = await postsOf(blog.id);
    const rows = await db.select().from(comments).where(eq(comments.postId, post?.id ?? -1)).orderBy(asc(comments.createdAt));
    expect(rows.map((row) => [row.authorName, row.status])).toEqual([
      ["Maïwenn", "approved"],
      ["Hélène", "approved"],
      ["Maïwenn", "approved"],
      ["Gwenaël", "pending"],
    ]);
    const [question, answer, thanks, pending] = rows;
    expect(question?.parentId).toBeNull();
    expect(answer?.parentId).toBe(question?.id);
    // The third level hangs on the thread's top-level comment.
    expect(thanks?.parentId).toBe(question?.id);
    expect(pending?.parentId).toBeNull();
    expect(answer?.body).toBe("La Tumbling Tom, sans hésiter.");
    expect(question?.createdAt).toBe(Date.UTC(2019, 2, 25, 7, 0));
    expect(rows.some((row) => row.body.includes("Achetez"))).toBe(false);
  });

  it("remembers every post's old addresses, its permalink and its ?p= form", async () => {
    const { blog } = await importFixture("wordpress.xml");
    const [post] = await postsOf(blog.id);
    const paths = (await db.select({ path: oldAddresses.path }).from(oldAddresses).where(eq(oldAddresses.postId, post?.id ?? -1))).map((row) => row.path).sort();
    expect(paths).toEqual(["/2019/03/les-tomates-coeur-de-boeuf", "/?p=123"]);
  });

  it("updates rather than duplicates when the same export is imported again", async () => {
    const { userId, blog, path } = await importFixture("wordpress.xml");
    const before = await postsOf(blog.id);
    const edited = fixtureFile("wordpress.xml", undefined, (text) => text.replace("Départ à l'aube", "Départ à midi"));
    await importXmlFile({ blogId: blog.id, userId, converter }, path, await surveyXmlFile(path));
    await importXmlFile({ blogId: blog.id, userId, converter }, edited, await surveyXmlFile(edited));
    const after = await postsOf(blog.id);
    expect(after[2]?.bodyMarkdown).toBe("Départ à midi, retour pour le cidre.");
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    expect(after.map((row) => row.slug)).toEqual(before.map((row) => row.slug));
    const commentCount = await db.$count(comments, eq(comments.blogId, blog.id));
    expect(commentCount).toBe(4);
  });

  it("gives a new slug to an imported post whose slug another post of the blog already has", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    await db.insert(posts).values({ blogId: blog.id, slug: "a-propos", title: "Mon à-propos Carnet", updatedAt: Date.now() });
    const path = fixtureFile("wordpress.xml");
    await importXmlFile({ blogId: blog.id, userId, converter }, path, await surveyXmlFile(path));
    const slugs = (await postsOf(blog.id)).map((row) => row.slug);
    expect(slugs).toContain("a-propos");
    expect(slugs).toContain("a-propos-2");
  });

  it("keeps a post's title and description for search engines from Yoast SEO's meta, but not the plugin's templates", async () => {
    const meta = (key: string, value: string) => `<wp:postmeta><wp:meta_key><![CDATA[${key}]]></wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>`;
    const { blog } = await importFixture("wordpress.xml", (text) =>
      text.replace(
        meta("_thumbnail_id", "201"),
        `${meta("_thumbnail_id", "201")}${meta("_yoast_wpseo_title", "  Tomates cœur-de-bœuf :\n semis, repiquage et récolte  ")}${meta("_yoast_wpseo_metadesc", `Tout sur la tomate cœur-de-bœuf. ${"Et plus encore. ".repeat(20)}`)}`,
      ),
    );
    const [withMeta, ...others] = await postsOf(blog.id);
    expect(withMeta?.seoTitle).toBe("Tomates cœur-de-bœuf : semis, repiquage et récolte");
    expect(withMeta?.seoDescription).toHaveLength(160);
    expect(withMeta?.seoDescription).toMatch(/^Tout sur la tomate cœur-de-bœuf\. Et plus encore\./);
    expect(others.every((post) => post.seoTitle === null && post.seoDescription === null)).toBe(true);

    const { blog: templated } = await importFixture("wordpress.xml", (text) =>
      text.replace(meta("_thumbnail_id", "201"), `${meta("_thumbnail_id", "201")}${meta("_yoast_wpseo_title", "%%title%% %%sep%% %%sitename%%")}`),
    );
    expect((await postsOf(templated.id))[0]?.seoTitle).toBeNull();
  });
});

describe("hostile and broken files", () => {
  it.each([
    ["billion-laughs.xml", "import.errors.doctype"],
    ["external-entity.xml", "import.errors.doctype"],
    ["truncated.xml", "import.errors.truncated"],
  ])("refuses %s with a clear reason and writes nothing", async (name, key) => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const jobId = await createImportJob({ blogId: blog.id, userId, kind: "wxr", source: fixtureFile(name), label: name });
    const job = await claimImportJob();
    expect(job?.id).toBe(jobId);
    const outcome = await runImportJob(job!, { converter });
    expect(outcome.status).toBe("failed");
    const [row] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    expect(row?.status).toBe("failed");
    expect(row?.report[0]?.key).toBe(key);
    expect(await db.$count(posts, eq(posts.blogId, blog.id))).toBe(0);
  });

  it("refuses a document that is neither a WordPress export nor a feed", async () => {
    const path = fixtureFile("wordpress.xml", undefined, () => `<?xml version="1.0"?><html><body>Pas un flux</body></html>`);
    await expect(surveyXmlFile(path)).rejects.toMatchObject({ problem: { key: "import.errors.otherFormat" } });
  });
});

describe("import jobs", () => {
  it("counts items, reports progress and finishes", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const jobId = await createImportJob({ blogId: blog.id, userId, kind: "wxr", source: fixtureFile("wordpress.xml"), label: "wordpress.xml" });
    const outcome = await runImportJob((await claimImportJob())!, { converter });
    expect(outcome.status).toBe("done");
    const [row] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    expect(row).toMatchObject({ status: "done", itemsTotal: 7, itemsDone: 7, lockedUntil: null });
  });

  it("resumes a job whose server stopped after the last batch it wrote", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const jobId = await createImportJob({ blogId: blog.id, userId, kind: "wxr", source: fixtureFile("wordpress.xml"), label: "wordpress.xml" });
    // As left by a server stopped mid-import: running, lease run out, three items written.
    await db.update(importJobs).set({ status: "running", itemsTotal: 7, itemsDone: 3, lockedUntil: Date.now() - 1 }).where(eq(importJobs.id, jobId));
    const job = await claimImportJob();
    expect(job?.id).toBe(jobId);
    await runImportJob(job!, { converter });
    const titles = (await postsOf(blog.id)).map((row) => row.title);
    expect(titles).toEqual(["À propos"]);
    const [row] = await db.select({ itemsDone: importJobs.itemsDone, status: importJobs.status }).from(importJobs).where(and(eq(importJobs.id, jobId)));
    expect(row).toEqual({ itemsDone: 7, status: "done" });
  });

  it("leaves a job another server is running alone", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    await createImportJob({ blogId: blog.id, userId, kind: "wxr", source: fixtureFile("wordpress.xml"), label: "x" });
    const first = await claimImportJob();
    expect(first).not.toBeNull();
    expect(await claimImportJob()).toBeNull();
  });
});
