import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs, type BlogSettings, type Language } from "@/lib/db/schema";

export type PublicBlog = {
  id: number;
  slug: string;
  title: string;
  description: string;
  language: Language;
  timeZone: string;
  settings: BlogSettings;
};

/** The columns of a blog that its pages show (and its administration starts from). */
export const publicBlogColumns = {
  id: blogs.id,
  slug: blogs.slug,
  title: blogs.title,
  description: blogs.description,
  language: blogs.language,
  timeZone: blogs.timeZone,
  settings: blogs.settings,
};

/** The public face of a blog, or null when no blog has this address. */
export async function getBlogBySlug(slug: string): Promise<PublicBlog | null> {
  const [blog] = await db
    .select(publicBlogColumns)
    .from(blogs)
    .where(eq(blogs.slug, slug))
    .limit(1);
  return blog ?? null;
}

/** The language a blog's pages (and its administration) speak, or null when no blog has this id or address. */
export async function getBlogLanguage(ref: { id: number } | { slug: string }): Promise<Language | null> {
  const [blog] = await db
    .select({ language: blogs.language })
    .from(blogs)
    .where("id" in ref ? eq(blogs.id, ref.id) : eq(blogs.slug, ref.slug))
    .limit(1);
  return blog?.language ?? null;
}
