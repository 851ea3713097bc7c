import { categoryPath } from "@/lib/posts/paths";

export type FeedFormat = "rss" | "atom";

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
};

/** "/flux/rss.xml", or "/categorie/numerique/flux/atom.xml" for a category's feed. */
export function feedPath(format: FeedFormat, categorySlug?: string): string {
  return `${categorySlug ? categoryPath(categorySlug) : ""}/flux/${format}.xml`;
}
