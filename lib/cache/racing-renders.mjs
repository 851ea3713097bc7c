// A render that began before a change and ended after it must not be kept as the fresh copy.
//
// Next keeps a page (or a cached read) with the time it was written, and treats it as expired when one of
// its tags was expired later than that time. A render that read the database before a post was published,
// and was written after the publication expired the blog's tags, is therefore kept as fresh although it
// does not hold the post: the home page, the feeds, the month could miss the post until the page's own
// revalidation, an hour later. This happens whenever a reader's visit is regenerating a stale page
// (stale-while-revalidate) at the moment a post is published or a comment approved.
//
// The guard notes when a render of each cache key begins: the first lookup, since the key was last
// written, that found nothing or an entry one of whose tags was touched (expired or marked stale) after
// it was written; a lookup answered by a fresh entry begins no render. It drops a write whose tags were
// expired after that moment: the old entry stays expired, and the next request renders again, after the
// change. At worst a page is rendered once more than needed. Known limits: a render that follows the
// page's own revalidation time is not seen (Next decides that one itself); with several instances, only
// expirations made by this instance are seen.

/** A render that takes longer than this is not one: a lookup this old no longer marks a render's start. */
const RENDER_WINDOW_MS = 60_000;
/** Keys and tags remembered at once; past this, the oldest are forgotten (their writes are then kept). */
const REMEMBERED_LIMIT = 10_000;

// Shared by every instance of the handler: Next creates one per request.
const renderStartedAt = new Map();
/** When each tag was last expired at once (updateTag, `{ expire: 0 }`): a render begun before is dropped. */
const tagExpiredAt = new Map();
/** When each tag was last touched in any way (a stale mark too): an entry written before is re-rendered. */
const tagTouchedAt = new Map();

function rememberRenderStart(key, now) {
  const since = renderStartedAt.get(key);
  if (since !== undefined && now - since <= RENDER_WINDOW_MS) return;
  renderStartedAt.delete(key);
  renderStartedAt.set(key, now);
  if (renderStartedAt.size > REMEMBERED_LIMIT) renderStartedAt.delete(renderStartedAt.keys().next().value);
}

/** Remembers `now` for each tag, in order of time, forgetting the oldest past `limit` tags or `maxAgeMs`. */
function stamp(times, tags, now, { limit = REMEMBERED_LIMIT, maxAgeMs = Infinity } = {}) {
  for (const tag of tags) {
    times.delete(tag);
    times.set(tag, now);
  }
  for (const [tag, at] of times) {
    if (times.size <= limit && now - at <= maxAgeMs) break;
    times.delete(tag);
  }
}

/** The tags an entry is filed under: a cached read's are in its context, a page's or route's in its headers. */
function tagsOf(data, ctx) {
  if (Array.isArray(ctx?.tags)) return ctx.tags;
  const header = data?.headers?.["x-next-cache-tags"];
  return typeof header === "string" ? header.split(",") : [];
}

function changedSince(times, tags, moment) {
  // Same millisecond counts as after: the render may have read just before the change was written.
  return tags.some((tag) => (times.get(tag) ?? -Infinity) >= moment);
}

/** Next's cache handler `Inner`, with writes of renders overtaken by an expiration dropped. */
export function guardAgainstRacingRenders(Inner) {
  return class RaceGuardedCache {
    constructor(context) {
      this.inner = new Inner(context);
    }

    async get(key, ctx) {
      const now = Date.now();
      const entry = await this.inner.get(key, ctx);
      // Nothing cached, or an entry a change made stale: Next renders the page now.
      if (!entry || changedSince(tagTouchedAt, tagsOf(entry.value, ctx), entry.lastModified ?? 0)) rememberRenderStart(key, now);
      return entry;
    }

    async set(key, data, ctx) {
      const startedAt = renderStartedAt.get(key);
      renderStartedAt.delete(key);
      if (data && startedAt !== undefined && changedSince(tagExpiredAt, tagsOf(data, ctx), startedAt)) return;
      return this.inner.set(key, data, ctx);
    }

    async revalidateTag(tags, durations) {
      const now = Date.now();
      const list = [tags].flat();
      stamp(tagTouchedAt, list, now);
      // Only immediate expirations drop a render in flight: after a mere stale mark, the old page is
      // served while the next one renders anyway.
      // Those older than any render in flight no longer matter.
      if (durations === undefined || durations?.expire === 0) stamp(tagExpiredAt, list, now, { maxAgeMs: RENDER_WINDOW_MS });
      return this.inner.revalidateTag(tags, durations);
    }

    resetRequestCache() {
      return this.inner.resetRequestCache?.();
    }
  };
}
