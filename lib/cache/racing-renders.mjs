// A render that began before a change and ended after it must not be kept as the fresh copy.
//
// Next keeps a page (or a cached read) with the time it was written, and treats it as expired when one of
// its tags was expired later than that time. A render that read the database before a post was published,
// and was written after the publication expired the blog's tags, is therefore kept as fresh although it
// does not hold the post: the home page, the feeds, the month could miss the post until the page's own
// revalidation, an hour later. This happens whenever a reader's visit is regenerating a stale page
// (stale-while-revalidate) at the moment a post is published or a comment approved.
//
// The guard notes when each cache key was first looked up since it was last written (the render that
// follows a lookup starts then), and drops a write whose tags were expired after that moment: the old
// entry stays expired, and the next request renders again, after the change. At worst a page is rendered
// once more than needed. Known limit: with several instances, only expirations made by this instance are
// seen; another instance's publication can still meet this instance's render in flight.

/** A render that takes longer than this is not one: a lookup this old no longer marks a render's start. */
const RENDER_WINDOW_MS = 60_000;
/** Keys remembered at once; past this, the oldest lookups are forgotten (their writes are then kept). */
const LOOKUPS_LIMIT = 10_000;

// Shared by every instance of the handler: Next creates one per request.
const firstLookupAt = new Map();
const tagExpiredAt = new Map();

function rememberLookup(key, now) {
  const since = firstLookupAt.get(key);
  if (since !== undefined && now - since <= RENDER_WINDOW_MS) return;
  firstLookupAt.delete(key);
  firstLookupAt.set(key, now);
  if (firstLookupAt.size > LOOKUPS_LIMIT) firstLookupAt.delete(firstLookupAt.keys().next().value);
}

/** The tags an entry is filed under: a cached read's are in its context, a page's or route's in its headers. */
function tagsOf(data, ctx) {
  if (Array.isArray(ctx?.tags)) return ctx.tags;
  const header = data?.headers?.["x-next-cache-tags"];
  return typeof header === "string" ? header.split(",") : [];
}

function expiredAfter(tags, moment) {
  // Same millisecond counts as after: the render may have read just before the change was written.
  return tags.some((tag) => (tagExpiredAt.get(tag) ?? -Infinity) >= moment);
}

/** Next's cache handler `Inner`, with writes of renders overtaken by an expiration dropped. */
export function guardAgainstRacingRenders(Inner) {
  return class RaceGuardedCache {
    constructor(context) {
      this.inner = new Inner(context);
    }

    async get(key, ctx) {
      rememberLookup(key, Date.now());
      return this.inner.get(key, ctx);
    }

    async set(key, data, ctx) {
      const startedAt = firstLookupAt.get(key);
      firstLookupAt.delete(key);
      if (data && startedAt !== undefined && expiredAfter(tagsOf(data, ctx), startedAt)) return;
      return this.inner.set(key, data, ctx);
    }

    async revalidateTag(tags, durations) {
      // Immediate expirations only (updateTag, `{ expire: 0 }`): a mere "stale" mark serves the old page
      // while the next one renders anyway.
      if (durations === undefined || durations?.expire === 0) {
        const now = Date.now();
        for (const tag of [tags].flat()) {
          tagExpiredAt.delete(tag);
          tagExpiredAt.set(tag, now);
        }
        // In order of expiration: those older than any render in flight no longer matter.
        for (const [tag, at] of tagExpiredAt) {
          if (now - at <= RENDER_WINDOW_MS) break;
          tagExpiredAt.delete(tag);
        }
      }
      return this.inner.revalidateTag(tags, durations);
    }

    resetRequestCache() {
      return this.inner.resetRequestCache?.();
    }
  };
}
