import { groupByMonth } from "@/lib/posts/archive";
import { articlePath, categoryPath, monthPath, tagPath } from "@/lib/posts/paths";
import { xmlElement } from "./xml";
import type { SitemapEntries } from "./queries";

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

const isoDate = (epochMs: number) => new Date(epochMs).toISOString();

function urlElement(loc: string, lastmod?: number): string {
  return `<url>${xmlElement("loc", loc)}${lastmod ? xmlElement("lastmod", isoDate(lastmod)) : ""}</url>`;
}

/** A blog's sitemap (sitemaps.org 0.9): home, articles, categories, tags and months, with their last change. */
export function buildBlogSitemap(input: { absolute: (path: string) => string; timeZone: string; entries: SitemapEntries }): string {
  const { posts, categories, tags } = input.entries;
  const latest = posts.reduce((max, post) => Math.max(max, post.publishedAt, post.updatedAt), 0);
  const months = groupByMonth(
    posts.map((post) => post.publishedAt),
    input.timeZone,
  );
  const lines = [
    urlElement(input.absolute("/"), latest || undefined),
    ...posts.map((post) => urlElement(input.absolute(articlePath(post, input.timeZone)), Math.max(post.publishedAt, post.updatedAt))),
    ...categories.map((category) => urlElement(input.absolute(categoryPath(category.slug)), category.lastPublishedAt)),
    ...tags.map((tag) => urlElement(input.absolute(tagPath(tag.slug)), tag.lastPublishedAt)),
    ...months.map((month) => urlElement(input.absolute(monthPath(month.year, month.month)))),
  ];
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${lines.join("\n")}\n</urlset>\n`;
}

/** A sitemap index: the addresses of other sitemaps. */
export function buildSitemapIndex(sitemaps: { loc: string; lastmod: number | null }[]): string {
  const lines = sitemaps.map(
    (sitemap) => `<sitemap>${xmlElement("loc", sitemap.loc)}${sitemap.lastmod ? xmlElement("lastmod", isoDate(sitemap.lastmod)) : ""}</sitemap>`,
  );
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${lines.join("\n")}\n</sitemapindex>\n`;
}

/** A plain list of addresses as a sitemap. */
export function buildUrlSitemap(urls: string[]): string {
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${urls.map((url) => urlElement(url)).join("\n")}\n</urlset>\n`;
}
