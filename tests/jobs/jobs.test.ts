import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbClient } from "@/lib/db";
import { releaseLock, tryLock } from "@/lib/db/locks";
import { posts, rateLimits } from "@/lib/db/schema";
import { runJob } from "@/lib/jobs/run";
import { makeBlog, makeUser } from "../helpers/fixtures";

async function scheduledPost(blogId: number, publishedAt: number) {
  const [row] = await db
    .insert(posts)
    .values({ blogId, slug: `programme-${publishedAt}`, title: "Billet programmé", status: "scheduled", publishedAt, updatedAt: publishedAt })
    .returning({ id: posts.id });
  if (!row) throw new Error("not inserted");
  return row.id;
}

describe("periodic jobs", () => {
  it("publish a due scheduled post once and expire its pages once, even when two instances run together", async () => {
    const blog = await makeBlog(await makeUser());
    const postId = await scheduledPost(blog.id, Date.now() - 1000);
    const expired: number[] = [];
    const context = { expirePostPages: (post: { postId: number }) => void expired.push(post.postId) };
    const results = await Promise.all([runJob("publish-scheduled", context), runJob("publish-scheduled", context)]);
    expect(results.reduce((sum, result) => sum + result.count, 0)).toBe(1);
    expect(expired).toEqual([postId]);
    const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId));
    expect(post?.status).toBe("published");
  });

  it("leave a post scheduled for later alone", async () => {
    const blog = await makeBlog(await makeUser());
    const postId = await scheduledPost(blog.id, Date.now() + 3_600_000);
    expect(await runJob("publish-scheduled", { expirePostPages: () => undefined })).toMatchObject({ ran: true, count: 0 });
    const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId));
    expect(post?.status).toBe("scheduled");
  });

  it("do nothing while another instance holds the job's lock, and run once it is released", async () => {
    await db.insert(rateLimits).values({ key: "essai:fini", count: 3, resetAt: Date.now() - 1 });
    expect(await tryLock(dbClient, "job:purge-expired", "autre-instance", 60_000)).toBe(true);
    expect(await runJob("purge-expired", { expirePostPages: () => undefined })).toEqual({ job: "purge-expired", ran: false, count: 0 });
    await releaseLock(dbClient, "job:purge-expired", "autre-instance");
    expect(await runJob("purge-expired", { expirePostPages: () => undefined })).toMatchObject({ ran: true });
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, "essai:fini"))).toEqual([]);
  });

  it("purge rate-limit windows that are over and keep the ones still counting", async () => {
    const now = Date.now();
    await db.insert(rateLimits).values([
      { key: "essai:passe", count: 1, resetAt: now - 10 },
      { key: "essai:en-cours", count: 1, resetAt: now + 60_000 },
    ]);
    await runJob("purge-expired", { expirePostPages: () => undefined, now: () => now });
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys).toContain("essai:en-cours");
    expect(keys).not.toContain("essai:passe");
  });

  it("take an expired lock over: an instance that died holding it does not block the job for ever", async () => {
    expect(await tryLock(dbClient, "job:essai", "morte", 1000, 0)).toBe(true);
    expect(await tryLock(dbClient, "job:essai", "vivante", 1000, 500)).toBe(false);
    expect(await tryLock(dbClient, "job:essai", "vivante", 1000, 2000)).toBe(true);
  });
});
