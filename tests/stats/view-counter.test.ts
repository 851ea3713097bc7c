import { CLIENT_ADDRESS_HEADER } from "@/lib/client-id";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { db } from "@/lib/db";
import { blogViewTotals, dailyPostViews, dailyReferrers, dailyViews, posts, postViewTotals } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, DEMO_VIEW_TOTAL, seedDemoBlog } from "@/lib/demo/seed";
import { recordBeaconRequest } from "@/lib/stats/record-beacon";
import { saveViewBatch } from "@/lib/stats/save-views";
import { utcDay, ViewCounter, type ViewBatch } from "@/lib/stats/view-counter";

// tests/helpers/test-database.ts sets ROOT_DOMAIN=carnet.test.
const HOST = "formation-continue.carnet.test";
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const NOW = Date.parse("2026-11-28T10:00:00Z");
const TODAY = utcDay(NOW);

let blogId = 0;
let articleId = 0;

beforeAll(async () => {
  await seedDemoBlog();
  const blog = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!blog) throw new Error("demo blog missing");
  blogId = blog.id;
  const [article] = await db.select({ id: posts.id }).from(posts).where(eq(posts.slug, "reseaux-sociaux-entreprise-formation"));
  if (!article) throw new Error("demo article missing");
  articleId = article.id;
  // The demo's year of daily history is not what these tests count.
  await db.delete(dailyViews);
  await db.delete(dailyPostViews);
  await db.delete(dailyReferrers);
});

function counter(save: (batch: ViewBatch) => Promise<void> = saveViewBatch, flushIntervalMs = 60_000) {
  return new ViewCounter({ save, flushIntervalMs, refreshIntervalMs: 60_000, maxRemembered: 1000 });
}

function beacon(input: { reader: string; path?: string; referrer?: string; userAgent?: string }) {
  return new Request(`https://${HOST}/api/beacon`, {
    method: "POST",
    headers: {
      host: HOST,
      origin: `https://${HOST}`,
      "sec-fetch-site": "same-origin",
      "user-agent": input.userAgent ?? CHROME,
      [CLIENT_ADDRESS_HEADER]: input.reader,
      "content-type": "text/plain;charset=UTF-8",
    },
    body: JSON.stringify({ p: input.path ?? ARTICLE, r: input.referrer ?? "" }),
  });
}

const record = (viewCounter: ViewCounter, input: Parameters<typeof beacon>[0]) => recordBeaconRequest(beacon(input), { counter: viewCounter, now: NOW });

function withHeader(request: Request, name: string, value: string) {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

async function figures() {
  const [blogTotal] = await db.select({ views: blogViewTotals.views }).from(blogViewTotals).where(eq(blogViewTotals.blogId, blogId));
  const [postTotal] = await db.select({ views: postViewTotals.views }).from(postViewTotals).where(eq(postViewTotals.postId, articleId));
  const [day] = await db.select({ views: dailyViews.views }).from(dailyViews).where(eq(dailyViews.blogId, blogId));
  const [postDay] = await db.select({ views: dailyPostViews.views }).from(dailyPostViews).where(eq(dailyPostViews.postId, articleId));
  const referrers = await db.select({ domain: dailyReferrers.domain, views: dailyReferrers.views }).from(dailyReferrers).where(eq(dailyReferrers.blogId, blogId));
  return { blog: blogTotal?.views ?? 0, post: postTotal?.views ?? 0, day: day?.views ?? 0, postDay: postDay?.views ?? 0, referrers };
}

describe("the visitor counter", () => {
  it("counts one view per reader and page per day, and writes nothing before its flush", async () => {
    const viewCounter = counter();
    const before = await figures();
    expect(before.blog).toBe(DEMO_VIEW_TOTAL);

    const first = await record(viewCounter, { reader: "203.0.113.1", referrer: "https://www.qwant.com/?q=rse" });
    expect(first).toMatchObject({ counted: true, startFlushCycle: true });
    // The same reader reloading the page: not a new view.
    expect(await record(viewCounter, { reader: "203.0.113.1" })).toMatchObject({ counted: false, reason: "duplicate" });
    expect(await record(viewCounter, { reader: "203.0.113.2", referrer: "https://www.qwant.com/" })).toMatchObject({ counted: true, startFlushCycle: false });
    expect(await record(viewCounter, { reader: "203.0.113.3", referrer: `https://${HOST}/` })).toMatchObject({ counted: true });
    // The same reader on another page of the blog: a view of the blog, not of the article.
    expect(await record(viewCounter, { reader: "203.0.113.1", path: "/categorie/numerique" })).toMatchObject({ counted: true });

    expect(viewCounter.pendingViews).toBe(4);
    expect(await figures()).toEqual(before);

    expect(await viewCounter.flush()).toBe(4);
    const after = await figures();
    expect(after.blog).toBe(before.blog + 4);
    expect(after.day).toBe(4);
    expect(after.post - before.post).toBe(3);
    expect(after.postDay).toBe(3);
    expect(after.referrers).toEqual([{ domain: "qwant.com", views: 2 }]);
    expect(viewCounter.pendingViews).toBe(0);
  });

  it("ignores robots, link previews, prefetches, other sites and unknown pages", async () => {
    const viewCounter = counter();
    const before = await figures();
    const outcomes = await Promise.all([
      record(viewCounter, { reader: "198.51.100.1", userAgent: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)" }),
      record(viewCounter, { reader: "198.51.100.2", userAgent: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)" }),
      record(viewCounter, { reader: "198.51.100.3", path: "/archives/2012/06/24/article-inexistant" }),
      record(viewCounter, { reader: "198.51.100.4", path: "/admin" }),
      recordBeaconRequest(withHeader(beacon({ reader: "198.51.100.5" }), "sec-purpose", "prefetch"), { counter: viewCounter, now: NOW }),
      recordBeaconRequest(withHeader(beacon({ reader: "198.51.100.6" }), "origin", "https://evil.example"), { counter: viewCounter, now: NOW }),
    ]);
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(["bot", "bot", "unknown-post", "bad-page", "prefetch", "foreign-origin"]);
    expect(viewCounter.pendingViews).toBe(0);
    expect(await viewCounter.flush()).toBe(0);
    expect(await figures()).toEqual(before);
  });

  it("refuses a body larger than a beacon without reading it all", async () => {
    const viewCounter = counter();
    const request = new Request(`https://${HOST}/api/beacon`, {
      method: "POST",
      headers: { host: HOST, origin: `https://${HOST}`, "user-agent": CHROME },
      body: JSON.stringify({ p: ARTICLE, r: "x".repeat(100_000) }),
    });
    expect(await recordBeaconRequest(request, { counter: viewCounter, now: NOW })).toMatchObject({ counted: false, reason: "bad-body" });
  });

  it("writes the buffered views after its interval, and at once when the server stops", async () => {
    const viewCounter = counter(saveViewBatch, 300);
    const before = await figures();
    const outcome = await record(viewCounter, { reader: "192.0.2.10" });
    expect(outcome.startFlushCycle).toBe(true);
    // What the route does inside after(): the cycle writes, then ends once memory is empty.
    const started = Date.now();
    await viewCounter.runFlushCycle();
    expect((await figures()).blog).toBe(before.blog + 1);
    expect(Date.now() - started).toBeLessThan(1000);

    // The next view waits for the interval… unless the server stops.
    const slow = counter(saveViewBatch, 60_000);
    await record(slow, { reader: "192.0.2.11" });
    await slow.flush();
    await record(slow, { reader: "192.0.2.12" });
    const cycle = slow.runFlushCycle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await figures()).blog).toBe(before.blog + 2);
    slow.stop();
    await cycle;
    expect((await figures()).blog).toBe(before.blog + 3);
  });

  it("keeps the counts when a write fails, and writes them with the next one", async () => {
    let failNext = true;
    const viewCounter = counter(async (batch) => {
      if (failNext) {
        failNext = false;
        throw new Error("base indisponible");
      }
      await saveViewBatch(batch);
    });
    const before = await figures();
    await record(viewCounter, { reader: "192.0.2.20" });
    await record(viewCounter, { reader: "192.0.2.21" });
    await expect(viewCounter.flush()).rejects.toThrow("base indisponible");
    expect(viewCounter.pendingViews).toBe(2);
    await record(viewCounter, { reader: "192.0.2.22" });
    expect(await viewCounter.flush()).toBe(3);
    expect((await figures()).blog).toBe(before.blog + 3);
  });

  it("drops the views of a post deleted meanwhile without losing the others", async () => {
    const [doomed] = await db
      .insert(posts)
      .values({ blogId, slug: "article-ephemere", title: "Article éphémère", status: "published", publishedAt: NOW - 1000, updatedAt: NOW })
      .returning({ id: posts.id });
    if (!doomed) throw new Error("post not created");
    const before = await figures();
    const batch: ViewBatch = {
      blogDays: [{ blogId, day: TODAY, views: 2 }],
      postDays: [
        { postId: doomed.id, blogId, day: TODAY, views: 1 },
        { postId: articleId, blogId, day: TODAY, views: 1 },
      ],
      referrerDays: [],
    };
    await db.delete(posts).where(eq(posts.id, doomed.id));
    await saveViewBatch(batch);
    const after = await figures();
    expect(after.blog).toBe(before.blog + 2);
    expect(after.post).toBe(before.post + 1);
    expect(await db.select().from(postViewTotals).where(eq(postViewTotals.postId, doomed.id))).toEqual([]);
  });

  it("tells a blog's pages about its new total after a write, at most once a minute", async () => {
    let now = NOW;
    const viewCounter = new ViewCounter({ save: async () => {}, flushIntervalMs: 1000, refreshIntervalMs: 60_000, maxRemembered: 10, now: () => now });
    expect(viewCounter.takeRefresh(blogId)).toBe(false);
    viewCounter.add({ blogId, postId: null, day: TODAY, referrerDomain: null });
    await viewCounter.flush();
    expect(viewCounter.takeRefresh(blogId)).toBe(true);
    expect(viewCounter.takeRefresh(blogId)).toBe(false);
    viewCounter.add({ blogId, postId: null, day: TODAY, referrerDomain: null });
    await viewCounter.flush();
    now += 30_000;
    expect(viewCounter.takeRefresh(blogId)).toBe(false);
    now += 30_000;
    expect(viewCounter.takeRefresh(blogId)).toBe(true);
  });

  it("remembers a bounded number of readers, and forgets them all the next day", () => {
    const viewCounter = new ViewCounter({ save: async () => {}, flushIntervalMs: 1000, refreshIntervalMs: 1000, maxRemembered: 3 });
    for (const key of ["a", "b", "c"]) expect(viewCounter.firstViewToday(key, TODAY)).toBe(true);
    expect(viewCounter.firstViewToday("a", TODAY)).toBe(false);
    expect(viewCounter.firstViewToday("d", TODAY)).toBe(true);
    // "a" was the oldest: forgotten to make room for "d".
    expect(viewCounter.firstViewToday("a", TODAY)).toBe(true);
    expect(viewCounter.firstViewToday("d", "2026-11-29")).toBe(true);
  });
});
