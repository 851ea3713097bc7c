import "server-only";
import { notFound } from "next/navigation";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import type { PublicBlog } from "@/lib/blogs/queries";
import { readBlog } from "./cached-reads";

export const POSTS_PER_PAGE = 10;

/** The blog a reader page belongs to; a real 404 when there is none at this address. */
export async function loadBlogOrNotFound(slug: string): Promise<PublicBlog> {
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  if (!blog) notFound();
  return blog;
}

/** A route segment that must be a number in a range, written the canonical way ("06", not "6" or "006"). */
export function parseRouteNumber(segment: string, digits: number, min: number, max: number): number | null {
  if (!new RegExp(`^\\d{${digits}}$`).test(segment)) return null;
  const value = Number(segment);
  return value >= min && value <= max ? value : null;
}

/** A page number from /page/N: 2 or more, no leading zero. */
export function parsePageNumber(segment: string): number | null {
  if (!/^[1-9]\d{0,5}$/.test(segment)) return null;
  const value = Number(segment);
  return value >= 2 ? value : null;
}

/** The accent colour of a blog, if it is a plain hex colour: anything else a blogger typed is ignored. */
export function safeAccentColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color : "#8a3b12";
}
