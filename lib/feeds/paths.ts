export type FeedFormat = "rss" | "atom";

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
};

/**
 * "/flux/rss.xml", or the feed of a listing under its own address: "/categorie/numerique/flux/atom.xml"
 * for a category's feed, "/tag/vae/flux/rss.xml" for a tag's.
 */
export function feedPath(format: FeedFormat, listingPath = ""): string {
  return `${listingPath}/flux/${format}.xml`;
}
