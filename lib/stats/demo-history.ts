import type { db } from "@/lib/db";
import { dailyPostViews, dailyReferrers, dailyViews } from "@/lib/db/schema";
import { lastDays } from "./chart";

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0];

// Where the demo blog's readers come from, and how often (weights).
const DEMO_REFERRERS: [string, number][] = [
  ["google.fr", 40],
  ["qwant.com", 12],
  ["duckduckgo.com", 6],
  ["bing.com", 5],
  ["linkedin.com", 8],
  ["facebook.com", 4],
  ["scoop.it", 3],
  ["forum.formation-continue.example.org", 2],
];

/** A deterministic pseudo-random sequence (mulberry32), so that every demo database looks the same. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A year of daily audience for the demo blog, ending the day it is seeded: views per day (fewer on
 * weekends and in August), the posts they went to (older posts read a little less) and referring sites.
 * The blog's and posts' totals are seeded apart: they also hold the years before.
 */
export async function seedDemoAudience(tx: Transaction, input: { blogId: number; postIds: number[]; now: number }): Promise<void> {
  const random = randomSequence(2011);
  const days = lastDays(input.now, 365);
  const blogRows: (typeof dailyViews.$inferInsert)[] = [];
  const postRows: (typeof dailyPostViews.$inferInsert)[] = [];
  const referrerRows: (typeof dailyReferrers.$inferInsert)[] = [];
  const postWeights = input.postIds.map((_, index) => 1 + index / input.postIds.length);
  const postWeightSum = postWeights.reduce((a, b) => a + b, 0);
  const referrerWeightSum = DEMO_REFERRERS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const day of days) {
    const date = new Date(`${day}T12:00:00Z`);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const august = date.getUTCMonth() === 7;
    const views = Math.round((weekend ? 260 : 520) * (august ? 0.45 : 1) * (0.8 + random() * 0.4));
    blogRows.push({ blogId: input.blogId, day, views });
    // About two thirds of the views are of articles; the rest home, archives, categories.
    input.postIds.forEach((postId, index) => {
      const postViews = Math.round(((views * 0.66 * (postWeights[index] ?? 1)) / postWeightSum) * (0.6 + random() * 0.8));
      if (postViews > 0) postRows.push({ postId, blogId: input.blogId, day, views: postViews });
    });
    // A quarter of the readers come from another site.
    for (const [domain, weight] of DEMO_REFERRERS) {
      const referred = Math.round(((views * 0.25 * weight) / referrerWeightSum) * (0.5 + random()));
      if (referred > 0) referrerRows.push({ blogId: input.blogId, day, domain, views: referred });
    }
  }
  for (let i = 0; i < postRows.length; i += 500) await tx.insert(dailyPostViews).values(postRows.slice(i, i + 500));
  for (let i = 0; i < referrerRows.length; i += 500) await tx.insert(dailyReferrers).values(referrerRows.slice(i, i + 500));
  await tx.insert(dailyViews).values(blogRows);
}
