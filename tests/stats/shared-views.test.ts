// The visitor counter of several instances over a real Redis (Debian's redis-server): a reader counts once
// whichever instance answers, one flush writes every instance's views, and without Redis each instance
// counts in its own memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-id";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { db } from "@/lib/db";
import { blogViewTotals } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, seedDemoBlog } from "@/lib/demo/seed";
import { createRedisClient, type SharedRedis } from "@/lib/redis";
import { recordBeaconRequest } from "@/lib/stats/record-beacon";
import { saveViewBatch } from "@/lib/stats/save-views";
import { redisViewStore } from "@/lib/stats/shared-views";
import { ViewCounter } from "@/lib/stats/view-counter";
import { startRedis, type RunningRedis } from "../../scripts/cluster";

const HOST = "formation-continue.carnet.test";
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

let dir: string;
let redis: RunningRedis;
let clients: SharedRedis[] = [];
let blogId = 0;

beforeAll(async () => {
  await seedDemoBlog();
  blogId = (await getBlogBySlug(DEMO_BLOG_SLUG))!.id;
  dir = mkdtempSync(join(tmpdir(), "carnet-redis-"));
  redis = await startRedis(dir);
  clients = [createRedisClient(redis.url), createRedisClient(redis.url)];
  await Promise.all(clients.map((client) => client.connect()));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One instance's counter, its memory in the shared Redis through its own client. */
const instance = (client: SharedRedis) => new ViewCounter({ save: saveViewBatch, shared: redisViewStore(client), flushIntervalMs: 60_000, refreshIntervalMs: 60_000, maxRemembered: 1000 });

const view = (counter: ViewCounter, reader: string) =>
  recordBeaconRequest(
    new Request(`https://${HOST}/api/beacon`, {
      method: "POST",
      headers: { host: HOST, origin: `https://${HOST}`, "sec-fetch-site": "same-origin", "user-agent": CHROME, [CLIENT_ADDRESS_HEADER]: reader, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ p: ARTICLE, r: "" }),
    }),
    { counter },
  );

const blogTotal = async () => (await db.select({ views: blogViewTotals.views }).from(blogViewTotals).where(eq(blogViewTotals.blogId, blogId)))[0]?.views ?? 0;

describe("the visitor counter shared through Redis", () => {
  it("counts a reader once whichever instance answers, and one flush writes the views every instance counted", async () => {
    const [a, b] = clients.map(instance) as [ViewCounter, ViewCounter];
    const before = await blogTotal();
    expect((await view(a, "198.51.100.1")).counted).toBe(true);
    expect(await view(b, "198.51.100.1")).toMatchObject({ counted: false, reason: "duplicate" });
    expect((await view(b, "198.51.100.2")).counted).toBe(true);

    expect(await a.flush()).toBe(2);
    expect(await b.flush()).toBe(0);
    expect(await blogTotal()).toBe(before + 2);
  });

  it("remembers in Redis the first reader of an instance still connecting, so that another instance does not count them again", async () => {
    const starting = createRedisClient(redis.url);
    starting.connect().catch(() => undefined);
    try {
      expect(starting.isReady).toBe(false);
      expect((await view(instance(starting), "198.51.100.9")).counted).toBe(true);
      expect(await view(instance(clients[1]!), "198.51.100.9")).toMatchObject({ counted: false, reason: "duplicate" });
    } finally {
      starting.destroy();
    }
  });

  it("counts in the instance's own memory while Redis is unreachable, and the views still reach the database", async () => {
    const counter = instance(clients[0]!);
    const before = await blogTotal();
    await redis.stop();
    await expect.poll(() => clients[0]!.isReady).toBe(false);
    expect((await view(counter, "198.51.100.3")).counted).toBe(true);
    expect(await view(counter, "198.51.100.3")).toMatchObject({ counted: false, reason: "duplicate" });
    expect(await counter.flush()).toBe(1);
    expect(await blogTotal()).toBe(before + 1);

    // Back: the client reconnects by itself, and the counts are shared again.
    await redis.start();
    await expect.poll(() => clients[0]!.isReady, { timeout: 10_000 }).toBe(true);
    expect((await view(counter, "198.51.100.4")).counted).toBe(true);
    expect(await instance(clients[1]!).flush()).toBe(1);
  });
});
