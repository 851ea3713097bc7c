// Every imported post remembers the addresses it had (its permalink, WordPress's "/?p=123"…); a request
// for one of them on the blog is sent to the post's new address. Paths are kept decoded and without a
// trailing slash, the way Next hands them to a page.

/** The segment proxy.ts rewrites "/?p=123" to ("/<blog>/adresse-ancienne/p/123"), so that the home page stays static. */
export const OLD_QUERY_SEGMENT = "adresse-ancienne";

/** The query of an old home-page address ("?p=123", "?page_id=2", "?feed=rss2") as a rewritten path, or null. */
export function oldQuerySegments(search: URLSearchParams): string | null {
  for (const key of ["p", "page_id"]) {
    const value = search.get(key);
    if (value && /^\d{1,12}$/.test(value)) return `${OLD_QUERY_SEGMENT}/${key}/${value}`;
  }
  const feed = search.get("feed");
  return feed && /^[a-z0-9]{1,10}$/.test(feed) ? `${OLD_QUERY_SEGMENT}/feed/${feed}` : null;
}

/** "/2019/03/mon-billet/" → "/2019/03/mon-billet"; "/caf%C3%A9" → "/café"; "/?p=123" stays. */
export function normalizeOldPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: kept as it came.
  }
  const [pathname = "/", query] = decoded.split("?", 2) as [string, string | undefined];
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") || "/" : pathname;
  return query ? `${trimmed}?${query}` : trimmed;
}
