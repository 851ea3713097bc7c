import { zonedDateParts } from "@/lib/i18n";

const pad = (value: number) => String(value).padStart(2, "0");

// The address shapes Canalblog used, so that links to imported blogs keep working.

/** "/archives/2012/06/24/mon-article", the date as seen in the blog's time zone. */
export function articlePath(post: { publishedAt: number; slug: string }, timeZone: string): string {
  const { year, month, day } = zonedDateParts(post.publishedAt, timeZone);
  return `/archives/${year}/${pad(month)}/${pad(day)}/${post.slug}`;
}

/** "/archives/2013": the months of a year, each with its count. */
export function yearPath(year: number): string {
  return `/archives/${year}`;
}

export function monthPath(year: number, month: number): string {
  return `/archives/${year}/${pad(month)}`;
}

export function categoryPath(slug: string): string {
  return `/categorie/${slug}`;
}

export function tagPath(slug: string): string {
  return `/tag/${slug}`;
}

export function homePath(page: number): string {
  return page <= 1 ? "/" : `/page/${page}`;
}

/** The preview page of an unpublished post, on the blog's host: its link token (lib/link-tokens.ts). */
export const previewPath = (token: string) => `/apercu/${token}`;
