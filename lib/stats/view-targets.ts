import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, posts } from "@/lib/db/schema";

// What a beacon counts for: a blog's id from its slug, a published post's id from its slug. Looked up
// once every few minutes per page, not on every beacon. Like everything the beacon touches, this module
// also runs in the production server outside Next's bundles (lib/cli/serve.mjs), hence no "server-only".

const FOUND_TTL_MS = 5 * 60_000;
// An unknown page may exist soon (a post about to be published): asked again sooner.
const UNKNOWN_TTL_MS = 60_000;

/** An in-memory map whose entries expire; beyond `maxEntries` it starts afresh. */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

// Promises, so that a burst of beacons for a page not looked up yet asks the database once.
const blogIds = new ExpiringMap<Promise<number | null>>(10_000);
const postIds = new ExpiringMap<Promise<number | null>>(50_000);

function lookUp(map: ExpiringMap<Promise<number | null>>, key: string, find: () => Promise<number | null>): Promise<number | null> {
  const cached = map.get(key);
  if (cached) return cached;
  const found = find();
  map.set(key, found, FOUND_TTL_MS);
  found.then(
    (id) => (id === null ? map.set(key, found, UNKNOWN_TTL_MS) : undefined),
    () => map.delete(key),
  );
  return found;
}

/** The id of the blog at this address, or null. */
export function findBlogId(slug: string): Promise<number | null> {
  return lookUp(blogIds, slug, async () => {
    const [row] = await db.select({ id: blogs.id }).from(blogs).where(eq(blogs.slug, slug)).limit(1);
    return row?.id ?? null;
  });
}

/** The id of a blog's published post by its slug, or null (drafts and scheduled posts do not count). */
export function findPublishedPostId(blogId: number, slug: string): Promise<number | null> {
  return lookUp(postIds, `${blogId}/${slug}`, async () => {
    const [row] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.blogId, blogId), eq(posts.slug, slug), eq(posts.status, "published")))
      .limit(1);
    return row?.id ?? null;
  });
}
