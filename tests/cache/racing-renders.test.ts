// A render that read the database before a publication, and finished after it, must not be kept as the
// fresh page: with Next's own in-memory cache, the page without the post would otherwise stay for an hour.
import { describe, expect, it } from "vitest";
import FileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { guardAgainstRacingRenders } from "@/lib/cache/racing-renders.mjs";

type Handler = {
  get(key: string, ctx: object): Promise<{ value: { html?: string; data?: { body: string } } } | null>;
  set(key: string, data: object, ctx: object): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
};

type HandlerClass = new (context: object) => Handler;
// Next's own in-memory cache, as lib/cache/next-cache-handler.mjs loads it.
const Default = ((FileSystemCache as unknown as { default?: HandlerClass }).default ?? FileSystemCache) as unknown as HandlerClass;
const context = { dev: false, flushToDisk: false, serverDistDir: "/nonexistent", revalidatedTags: [], maxMemoryCacheSize: 10 * 1024 * 1024 };
const guarded = (): Handler => new (guardAgainstRacingRenders(Default))(context);
const unguarded = (): Handler => new Default(context);

// Next compares times to the millisecond: each step of a scenario happens in a millisecond of its own.
async function nextMillisecond() {
  const now = Date.now();
  while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
}

let unique = 0;
function blogHome() {
  unique += 1;
  const tag = `posts-racing-${unique}`;
  const key = `/racing-${unique}/home`;
  const page = (html: string) => ({ kind: "APP_PAGE", html, rscData: Buffer.from(""), headers: { "x-next-cache-tags": `blog:${unique},${tag}` }, status: 200 });
  return { tag, blogTag: `blog:${unique}`, key, page, pageCtx: { kind: "APP_PAGE" }, setCtx: { cacheControl: { revalidate: 3600, expire: undefined } } };
}

describe("renders overtaken by a publication", () => {
  it("shows how Next alone keeps the page rendered before the publication as fresh", async () => {
    const cache = unguarded();
    const { tag, key, page, pageCtx, setCtx } = blogHome();
    expect(await cache.get(key, pageCtx)).toBeNull(); // a reader's request: the home renders
    await cache.revalidateTag([tag]); // meanwhile a post is published
    await cache.set(key, page("<p>sans le billet</p>"), setCtx); // the render, begun before, ends
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>sans le billet</p>");
  });

  it("drops such a render, so the next request renders the page with the post", async () => {
    const cache = guarded();
    const { tag, blogTag, key, page, pageCtx, setCtx } = blogHome();
    await cache.set(key, page("<p>avant</p>"), setCtx);
    await nextMillisecond();
    await cache.revalidateTag(blogTag, { expire: 31_536_000 }); // the visitor counter marks the blog's pages stale
    await nextMillisecond();
    expect(await cache.get(key, pageCtx)).not.toBeNull(); // served stale, and a render begins here (stale-while-revalidate)
    await nextMillisecond();
    await cache.revalidateTag(tag, { expire: 0 }); // the scheduler publishes
    await nextMillisecond();
    await cache.set(key, page("<p>sans le billet</p>"), setCtx);
    expect(await cache.get(key, pageCtx)).toBeNull(); // expired: the next request renders, after the publication
    await cache.set(key, page("<p>avec le billet</p>"), setCtx);
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>avec le billet</p>");
  });

  it("keeps the render that follows a change although the page was served from the cache before it", async () => {
    const cache = guarded();
    const { tag, key, page, pageCtx, setCtx } = blogHome();
    await cache.set(key, page("<p>avant</p>"), setCtx);
    await nextMillisecond();
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>avant</p>"); // fresh: no render
    await nextMillisecond();
    await cache.revalidateTag(tag); // a comment is approved
    await nextMillisecond();
    expect(await cache.get(key, pageCtx)).toBeNull(); // the next reader's request renders
    await cache.set(key, page("<p>avec le commentaire</p>"), setCtx);
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>avec le commentaire</p>");
  });

  it("keeps a render that began after the publication", async () => {
    const cache = guarded();
    const { tag, key, page, pageCtx, setCtx } = blogHome();
    await cache.revalidateTag([tag]);
    await nextMillisecond();
    expect(await cache.get(key, pageCtx)).toBeNull();
    await cache.set(key, page("<p>avec le billet</p>"), setCtx);
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>avec le billet</p>");
  });

  it("keeps renders untouched by the expired tag, and ignores a mere stale mark", async () => {
    const cache = guarded();
    const { tag, key, page, pageCtx, setCtx } = blogHome();
    expect(await cache.get(key, pageCtx)).toBeNull();
    await cache.revalidateTag(["another-blog-posts"]);
    await cache.revalidateTag([tag], { expire: 31_536_000 }); // the visitor counter's "max" profile
    await cache.set(key, page("<p>à jour</p>"), setCtx);
    expect((await cache.get(key, pageCtx))?.value.html).toBe("<p>à jour</p>");
  });

  it("drops a cached read begun before its tag expired", async () => {
    const cache = guarded();
    const { tag } = blogHome();
    const key = `read-${tag}`;
    const readCtx = { kind: "FETCH", tags: [tag], softTags: [] };
    const entry = (body: string) => ({ kind: "FETCH", data: { headers: {}, body, status: 200 }, revalidate: 3600 });
    expect(await cache.get(key, readCtx)).toBeNull();
    await cache.revalidateTag([tag]);
    await cache.set(key, entry("[]"), { fetchCache: true, tags: [tag] });
    expect(await cache.get(key, readCtx)).toBeNull();
  });
});
