import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { db } from "@/lib/db";
import { categories, comments, importJobs, media, posts, postTags, tags } from "@/lib/db/schema";
import { isCanalblogImage, parseFrenchDate, readCanalblogArticle, readCanalblogLinks } from "@/lib/import/canalblog-pages";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { createImageLocalizer } from "@/lib/import/images";
import { claimImportJob, createImportJob, runImportJob } from "@/lib/import/jobs";
import { findPostByOldAddress } from "@/lib/import/old-addresses";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { makeBlog, makeUser } from "../helpers/fixtures";
import { serveBytes, startFileServer, type Route } from "./file-server";

// A Canalblog-like blog (tests/import/fixtures/canalblog) served by a small HTTP server: its home page,
// its archives (one month split over two pages), three articles in two markups, comments three deep
// and images on the blog's own host.

const fixtures = new URL("./fixtures/canalblog/", import.meta.url);
const DELAY_MS = 40;
const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-canalblog-media-")));

let converter: HtmlConverter;
let site: Awaited<ReturnType<typeof startFileServer>>;
const agents: string[] = [];
const pageTimes: { start: number; end: number }[] = [];
let inFlight = 0;
let mostInFlight = 0;

const fixturePaths = (): string[] =>
  (readdirSync(fixtures, { recursive: true }) as string[]).filter((name) => name.endsWith(".html")).map((name) => `/${name.split("\\").join("/")}`);
const page = (path: string) => readFileSync(new URL(`.${path}`, fixtures), "utf8").replaceAll("{{SITE}}", site.origin);

const png = (color: string) => sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer();

beforeAll(async () => {
  converter = createHtmlConverter();
  const routes: Record<string, Route> = {};
  for (const path of fixturePaths()) {
    // Every page answers after a moment, so that two requests at once would overlap.
    routes[path === "/index.html" ? "/" : path] = (request, response) => {
      agents.push(String(request.headers["user-agent"]));
      const start = Date.now();
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        pageTimes.push({ start, end: Date.now() });
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(path));
      }, 5);
    };
  }
  routes["/storage/12/34/424242/godets_p.png"] = serveBytes(await png("#2f7d32"), "image/png");
  routes["/images/paillage.png"] = serveBytes(await png("#c9a227"), "image/png");
  routes["/pas-canalblog/"] = serveBytes(new TextEncoder().encode("<html><head><title>Un autre site</title></head><body><p>Bonjour</p></body></html>"), "text/html");
  site = await startFileServer(routes);
  await converter.toText("<p>prêt</p>");
}, 60_000);
afterAll(async () => {
  await converter.close();
  await site.close();
});

describe("Canalblog pages", () => {
  it("read French dates in Paris time, with or without the hour", () => {
    expect(parseFrenchDate("dimanche 24 juin 2012", "18:30")).toBe(Date.UTC(2012, 5, 24, 16, 30));
    expect(parseFrenchDate("Posté par Agnès, 25 juin 2012 à 08:12")).toBe(Date.UTC(2012, 5, 25, 6, 12));
    expect(parseFrenchDate("1er décembre 2009 à 9h05")).toBe(Date.UTC(2009, 11, 1, 8, 5));
    expect(parseFrenchDate("15 AOUT 2010")).toBe(Date.UTC(2010, 7, 15, 10, 0));
    expect(parseFrenchDate("le 32 trucmuche 2010")).toBeNull();
  });

  it("find the months on the home page and the articles and further pages of a month", () => {
    const home = readCanalblogLinks(page("/index.html"), `${site.origin}/`);
    expect(home.isCanalblog).toBe(true);
    expect(home.months).toEqual([`${site.origin}/archives/2012/07/index.html`]);
    expect(home.morePages).toContain(`${site.origin}/archives/index.html`);
    const june = readCanalblogLinks(page("/archives/2012/06/index.html"), `${site.origin}/archives/2012/06/index.html`);
    expect(june.articles).toEqual([`${site.origin}/archives/2012/06/30/24601234.html`]);
    expect(june.morePages).toContain(`${site.origin}/archives/2012/06/p10-10.html`);
    expect(readCanalblogLinks("<html><body><p>Bonjour</p></body></html>", "https://ailleurs.example/").isCanalblog).toBe(false);
  });

  it("read an article: title, date, category, tags, body without Canalblog's furniture, comments with their threads", () => {
    const path = "/archives/2012/06/24/24567890.html";
    const post = readCanalblogArticle(page(path), `${site.origin}${path}`);
    expect(post).toMatchObject({
      sourceKey: "canalblog:24567890",
      title: "Premiers semis de tomates",
      slug: "premiers-semis-de-tomates",
      publishedAt: Date.UTC(2012, 5, 24, 16, 30),
      categories: ["Semis et plantations"],
      tags: ["tomates", "balcon"],
      oldAddresses: [path],
    });
    expect(post?.html).toContain("<strong>tomates cerises</strong>");
    expect(post?.html).toContain(`<img src="${site.origin}/storage/12/34/424242/godets_p.png"`);
    // The link that opened Canalblog's viewer is gone; relative links are made absolute.
    expect(post?.html).not.toContain("godets_o.png");
    expect(post?.html).toContain(`href="${site.origin}/archives/2012/06/30/24601234.html"`);
    for (const furniture of ["Posté par", "share_widget", "Premiers semis de tomates", "dimanche"]) expect(post?.html).not.toContain(furniture);
    expect(post?.comments.map((comment) => [comment.sourceId, comment.parentSourceId, comment.authorName])).toEqual([
      ["51000001", null, "Paul"],
      ["51000002", null, "Agnès"],
      ["51000003", "51000002", "mireille"],
      ["51000004", "51000003", "Agnès"],
    ]);
    expect(post?.comments[0]).toMatchObject({ authorUrl: "http://jardin-de-paul.example/", createdAt: Date.UTC(2012, 5, 24, 17, 5) });
    expect(post?.comments[3]?.createdAt).toBe(Date.UTC(2012, 5, 25, 19, 3));
  });

  it("read the older markup: date in an <h2>, title in an <h3>, hour in the footer", () => {
    const path = "/archives/2012/06/30/24601234.html";
    const post = readCanalblogArticle(page(path), `${site.origin}${path}`);
    expect(post).toMatchObject({ title: "Le paillage, enfin compris", publishedAt: Date.UTC(2012, 5, 30, 5, 15), categories: ["Récoltes"], tags: [], comments: [] });
    expect(post?.html).toContain("la paille de lin garde l'humidité");
    expect(post?.html).toContain(`src="${site.origin}/images/paillage.png"`);
  });

  it("tell Canalblog's images from the others", () => {
    expect(isCanalblogImage("http://p5.storage.canalblog.com/51/41/71856/22535465_p.jpg", [])).toBe(true);
    expect(isCanalblogImage("http://static.canalblog.com/storagev1/monblog.canalblog.com/images/photo.jpg", [])).toBe(true);
    expect(isCanalblogImage("http://www.monblog.fr/images/photo.jpg", ["http://www.monblog.fr"])).toBe(true);
    expect(isCanalblogImage("https://images.ailleurs.example/photo.jpg", ["http://www.monblog.fr"])).toBe(false);
    expect(isCanalblogImage("https://evilcanalblog.com/x.jpg", [])).toBe(false);
  });
});

async function runCanalblogJob(source: string) {
  const userId = await makeUser("Mireille");
  const blog = await makeBlog(userId);
  const jobId = await createImportJob({ blogId: blog.id, userId, kind: "canalblog", source, label: source });
  const job = await claimImportJob({ jobId });
  const localizeImage = createImageLocalizer({ blogId: blog.id, userId }, { allowPrivate: true, storage, retryDelayMs: 1 });
  const outcome = await runImportJob(job!, { converter, localizeImage, canalblog: { delayMs: DELAY_MS, allowPrivate: true } });
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
  return { userId, blog, jobId, outcome, row: row! };
}

const postsOf = (blogId: number) => db.select().from(posts).where(eq(posts.blogId, blogId)).orderBy(asc(posts.publishedAt));

describe("a Canalblog import from the blog's address", () => {
  it("brings every article with its date, category, tags, comments and Canalblog images, and remembers the old addresses", async () => {
    const { blog, outcome, row } = await runCanalblogJob(`${site.origin}/`);
    expect(outcome.status).toBe("done");
    expect(row).toMatchObject({ status: "done", itemsTotal: 3, itemsDone: 3 });

    const imported = await postsOf(blog.id);
    expect(imported.map((post) => [post.title, post.publishedAt, post.status])).toEqual([
      ["Premiers semis de tomates", Date.UTC(2012, 5, 24, 16, 30), "published"],
      ["Le paillage, enfin compris", Date.UTC(2012, 5, 30, 5, 15), "published"],
      ["Feu d'artifice au jardin", Date.UTC(2012, 6, 14, 19, 10), "published"],
    ]);
    const [semis, paillage, feu] = imported as [(typeof imported)[number], (typeof imported)[number], (typeof imported)[number]];
    expect(semis.bodyMarkdown).toContain("| Variété");
    const stored = await db.select().from(media).where(eq(media.blogId, blog.id)).orderBy(asc(media.id));
    expect(stored).toHaveLength(2);
    expect(semis.bodyMarkdown).toContain(`![Les godets au soleil](/medias/${stored[0]?.storageKey})`);
    expect(paillage.bodyMarkdown).toContain(`(/medias/${stored[1]?.storageKey})`);
    // An image of another site keeps its address and is not fetched.
    expect(semis.bodyMarkdown).toContain("https://images.ailleurs.example/jardin-partage.jpg");
    // Hostile markup is gone; the image that is gone is reported by name and keeps its link.
    expect(feu.bodyHtml).not.toMatch(/<script|onerror|javascript:/i);
    expect(feu.bodyMarkdown).toContain(`${site.origin}/storage/99/99/424242/disparue_p.jpg`);
    expect(row.report).toContainEqual({ key: "import.problems.image.status", values: { name: "disparue_p.jpg", status: 404 } });
    expect(row.report.some((problem) => JSON.stringify(problem).includes("ailleurs"))).toBe(false);

    const [category] = await db.select().from(categories).where(eq(categories.id, semis.categoryId!));
    expect(category?.name).toBe("Semis et plantations");
    const tagNames = await db.select({ name: tags.name }).from(postTags).innerJoin(tags, eq(tags.id, postTags.tagId)).where(eq(postTags.postId, semis.id));
    expect(tagNames.map((tag) => tag.name).sort()).toEqual(["balcon", "tomates"]);

    // Three levels of replies: Carnet's one level keeps the thread under its first comment.
    const thread = await db.select().from(comments).where(eq(comments.postId, semis.id)).orderBy(asc(comments.createdAt));
    expect(thread.map((comment) => comment.authorName)).toEqual(["Paul", "Agnès", "mireille", "Agnès"]);
    const agnes = thread[1]!;
    expect(thread.map((comment) => comment.parentId)).toEqual([null, null, agnes.id, agnes.id]);
    expect(thread[0]?.body).toContain("Quelle belle levée !");
    expect(thread.every((comment) => comment.status === "approved")).toBe(true);

    expect(await findPostByOldAddress({ blogId: blog.id, paths: ["/archives/2012/06/24/24567890.html"] })).toEqual({ slug: semis.slug, publishedAt: semis.publishedAt });
    expect(await findPostByOldAddress({ blogId: blog.id, paths: ["/archives/2012/07/14/24700001.html"] })).toEqual({ slug: feu.slug, publishedAt: feu.publishedAt });
  });

  it("reads politely: one page at a time, a pause between two, a User-Agent naming Carnet", () => {
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((agent) => agent.startsWith("Carnet-Import/"))).toBe(true);
    expect(mostInFlight).toBe(1);
    const sorted = [...pageTimes].sort((a, b) => a.start - b.start);
    for (let index = 1; index < sorted.length; index += 1) expect(sorted[index]!.start - sorted[index - 1]!.end).toBeGreaterThanOrEqual(DELAY_MS - 5);
  });

  it("updates rather than duplicates when the same blog is imported again", async () => {
    const first = await runCanalblogJob(`${site.origin}/`);
    const again = await createImportJob({ blogId: first.blog.id, userId: first.userId, kind: "canalblog", source: `${site.origin}/`, label: "encore" });
    const job = await claimImportJob({ jobId: again });
    await runImportJob(job!, { converter, canalblog: { delayMs: 0, allowPrivate: true } });
    expect(await db.$count(posts, eq(posts.blogId, first.blog.id))).toBe(3);
    expect(await db.$count(comments, eq(comments.blogId, first.blog.id))).toBe(5);
  });

  it("refuses an address that is not a Canalblog blog, and one that does not answer, with a clear report", async () => {
    const other = await runCanalblogJob(`${site.origin}/pas-canalblog/`);
    expect(other.row).toMatchObject({ status: "failed" });
    expect(other.row.report[0]).toEqual({ key: "import.errors.notCanalblog", values: { address: `${site.origin}/pas-canalblog/` } });
    const gone = await runCanalblogJob(`${site.origin}/nulle-part/`);
    expect(gone.row.report[0]).toMatchObject({ key: "import.errors.unreachable", values: { status: 404 } });
    expect(await db.$count(posts, eq(posts.blogId, gone.blog.id))).toBe(0);
  });

  it("never reads a private address unless the operator allows it", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const jobId = await createImportJob({ blogId: blog.id, userId, kind: "canalblog", source: `${site.origin}/`, label: "privé" });
    await runImportJob((await claimImportJob({ jobId }))!, { converter, canalblog: { delayMs: 0, allowPrivate: false } });
    const [row] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    expect(row?.status).toBe("failed");
    expect(row?.report[0]?.key).toBe("import.errors.unreachable");
  });
});

async function zipOfSavedCopy(): Promise<string> {
  const zip = new ZipFile();
  // As `wget --mirror` saves it: the blog's host first, then its paths.
  for (const path of fixturePaths()) zip.addBuffer(Buffer.from(page(path)), `potager.canalblog.com${path}`);
  zip.addBuffer(Buffer.from("pas une page"), "potager.canalblog.com/robots.txt");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = join(mkdtempSync(join(tmpdir(), "carnet-canalblog-copy-")), "copie.zip");
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe("a Canalblog import from a saved copy", () => {
  it("reads the article pages of a zip, in the order they were written", async () => {
    const { blog, row } = await runCanalblogJob(await zipOfSavedCopy());
    expect(row).toMatchObject({ status: "done", itemsTotal: 3, itemsDone: 3 });
    expect((await postsOf(blog.id)).map((post) => post.title)).toEqual(["Premiers semis de tomates", "Le paillage, enfin compris", "Feu d'artifice au jardin"]);
    expect(await db.$count(comments, eq(comments.blogId, blog.id))).toBe(5);
    expect(await findPostByOldAddress({ blogId: blog.id, paths: ["/archives/2012/06/30/24601234.html"] })).not.toBeNull();
  });

  it("reads a folder too, and says so when it holds no article", async () => {
    const folder = mkdtempSync(join(tmpdir(), "carnet-canalblog-folder-"));
    writeFileSync(join(folder, "index.html"), page("/index.html"));
    const { row } = await runCanalblogJob(folder);
    expect(row).toMatchObject({ status: "failed" });
    expect(row.report[0]?.key).toBe("import.errors.noArticles");
  });

  it("refuses a damaged zip", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "carnet-canalblog-bad-")), "abime.zip");
    writeFileSync(file, "PK\u0003\u0004 ceci n'est pas un zip entier");
    const { row } = await runCanalblogJob(file);
    expect(row.report[0]?.key).toBe("import.errors.unreadableCopy");
  });
});
