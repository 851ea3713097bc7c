import "server-only";
import type { Metadata } from "next";
import { getTranslator, type Translator } from "@/lib/i18n";
import { readBlog } from "@/lib/reader/cached-reads";
import { isWellFormedBlogSlug } from "./slug";

/**
 * The <title> of a page of a blog's administration, in the blog's language. Only the language is read
 * (a public fact, through the cached read); the page itself checks who may see it. An unknown or
 * malformed address gets French, the platform's language, and is not looked up.
 */
export async function adminMetadata(params: Promise<{ blog: string }>, key: Parameters<Translator>[0]): Promise<Metadata> {
  const { blog: slug } = await params;
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  return { title: getTranslator(blog?.language ?? "fr")(key), robots: { index: false } };
}
