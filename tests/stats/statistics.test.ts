import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { db } from "@/lib/db";
import { comments, dailyPostViews, dailyReferrers, dailyViews, posts, subscribers } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, DEMO_SUBSCRIBER_COUNT, DEMO_VIEW_TOTAL, seedDemoBlog } from "@/lib/demo/seed";
import { barGeometry, lastDays, lineGeometry, runningSeries, scaleTop } from "@/lib/stats/chart";
import { getStatisticsReport } from "@/lib/stats/report";

const NOW = Date.parse("2026-11-28T15:00:00Z");
const DAY = 86_400_000;
let blogId = 0;
let articleId = 0;
let otherId = 0;

beforeAll(async () => {
  await seedDemoBlog();
  const blog = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!blog) throw new Error("demo blog missing");
  blogId = blog.id;
  const [article] = await db.select({ id: posts.id }).from(posts).where(eq(posts.slug, "reseaux-sociaux-entreprise-formation"));
  const [other] = await db.select({ id: posts.id }).from(posts).where(eq(posts.slug, "mooc-formation-continue"));
  if (!article || !other) throw new Error("demo posts missing");
  articleId = article.id;
  otherId = other.id;
});

describe("the demo blog", () => {
  it("comes with a year of daily views, article views and referring sites", async () => {
    const report = await getStatisticsReport({ blogId, period: 365 });
    expect(report.views.filter((views) => views > 0).length).toBeGreaterThanOrEqual(364);
    expect(report.topPosts).toHaveLength(10);
    expect(report.referrers[0]?.domain).toBe("google.fr");
    expect(report.views.reduce((a, b) => a + b, 0)).toBeLessThan(DEMO_VIEW_TOTAL);
  });
});

describe("the statistics of a blog", () => {
  beforeAll(async () => {
    // From here on, figures the tests choose.
    await db.delete(dailyViews);
    await db.delete(dailyPostViews);
    await db.delete(dailyReferrers);
    await db.insert(dailyViews).values([
    { blogId, day: "2026-11-28", views: 120 },
    { blogId, day: "2026-11-20", views: 80 },
    { blogId, day: "2026-09-15", views: 500 },
    { blogId, day: "2025-01-01", views: 9999 },
  ]);
  await db.insert(dailyPostViews).values([
    { postId: articleId, blogId, day: "2026-11-28", views: 70 },
    { postId: otherId, blogId, day: "2026-11-27", views: 30 },
    { postId: otherId, blogId, day: "2026-09-15", views: 400 },
  ]);
  await db.insert(dailyReferrers).values([
    { blogId, day: "2026-11-28", domain: "qwant.com", views: 12 },
    { blogId, day: "2026-11-27", domain: "qwant.com", views: 3 },
    { blogId, day: "2026-11-26", domain: "forum.example.org", views: 9 },
    { blogId, day: "2026-09-15", domain: "ancien.example.org", views: 50 },
  ]);
  // Two new subscribers and one departure in the last days.
  await db.insert(subscribers).values([
    { blogId, email: "nouvelle-1@example.org", status: "confirmed", createdAt: NOW - 3 * DAY, confirmedAt: NOW - 3 * DAY },
    { blogId, email: "nouvelle-2@example.org", status: "confirmed", createdAt: NOW - DAY, confirmedAt: NOW - DAY },
  ]);
  await db.update(subscribers).set({ status: "unsubscribed", unsubscribedAt: NOW - 2 * DAY }).where(eq(subscribers.email, "lectrice-01@example.org"));
  await db.insert(comments).values([
    { blogId, postId: articleId, authorName: "Nadia", authorEmail: "nadia@example.org", body: "Merci !", status: "approved", createdAt: NOW - DAY },
    { blogId, postId: articleId, authorName: "Spam", authorEmail: "spam@example.org", body: "Achetez", status: "spam", createdAt: NOW - DAY },
  ]);
  });

  it("gives views per day over the last 30 days, top posts and referring sites of the period", async () => {
    const report = await getStatisticsReport({ blogId, period: 30, now: NOW });
    expect(report.days).toHaveLength(30);
    expect(report.days[29]).toBe("2026-11-28");
    expect(report.views[29]).toBe(120);
    expect(report.views[21]).toBe(80);
    expect(report.views.reduce((a, b) => a + b, 0)).toBe(200);
    expect(report.viewTotal).toBe(DEMO_VIEW_TOTAL);
    expect(report.topPosts.map((post) => [post.postId, post.views])).toEqual([
      [articleId, 70],
      [otherId, 30],
    ]);
    expect(report.referrers).toEqual([
      { domain: "qwant.com", views: 15 },
      { domain: "forum.example.org", views: 9 },
    ]);
  });

  it("widens to 90 and 365 days", async () => {
    const quarter = await getStatisticsReport({ blogId, period: 90, now: NOW });
    expect(quarter.views.reduce((a, b) => a + b, 0)).toBe(700);
    expect(quarter.topPosts[0]).toMatchObject({ postId: otherId, views: 430 });
    expect(quarter.referrers.map((referrer) => referrer.domain)).toContain("ancien.example.org");
    const year = await getStatisticsReport({ blogId, period: 365, now: NOW });
    expect(year.days).toHaveLength(365);
    expect(year.views.reduce((a, b) => a + b, 0)).toBe(700);
  });

  it("follows subscribers day by day and counts published comments only", async () => {
    const report = await getStatisticsReport({ blogId, period: 30, now: NOW });
    // 49 demo subscribers, +1 three days ago, -1 two days ago, +1 yesterday.
    expect(report.subscribers.slice(-5)).toEqual([DEMO_SUBSCRIBER_COUNT, DEMO_SUBSCRIBER_COUNT + 1, DEMO_SUBSCRIBER_COUNT, DEMO_SUBSCRIBER_COUNT + 1, DEMO_SUBSCRIBER_COUNT + 1]);
    expect(report.comments.reduce((a, b) => a + b, 0)).toBe(1);
    expect(report.comments[28]).toBe(1);
  });
});

describe("chart geometry", () => {
  it("rounds the scale up and draws bars and lines inside the box", () => {
    expect(scaleTop([0])).toBe(1);
    expect(scaleTop([7])).toBe(10);
    expect(scaleTop([120])).toBe(200);
    expect(scaleTop([2_783_472])).toBe(5_000_000);
    const bars = barGeometry([0, 5, 10], { width: 300, height: 100 });
    expect(bars.map((bar) => bar.height)).toEqual([0, 50, 100]);
    expect(bars[2]?.y).toBe(0);
    expect(lineGeometry([0, 10], { width: 100, height: 50 }).line).toBe("M 0.00 50.00 L 100.00 0.00");
    expect(runningSeries(["a", "b", "c"], 5, [{ day: "b", count: 2 }], [{ day: "c", count: 1 }])).toEqual([5, 7, 6]);
    expect(lastDays(NOW, 3)).toEqual(["2026-11-26", "2026-11-27", "2026-11-28"]);
  });
});
