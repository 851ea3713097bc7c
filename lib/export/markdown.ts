import matter from "gray-matter";
import type { PostStatus } from "@/lib/db/schema";

export type MarkdownPost = {
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: number | null;
  updatedAt: number;
  excerpt: string;
  bodyMarkdown: string;
  category: { name: string; slug: string } | null;
  tags: { name: string }[];
  seoTitle?: string | null;
  seoDescription?: string | null;
};

/** Where a post's Markdown goes in an export (slugs are unique within a blog). */
export const markdownFileName = (post: { slug: string }) => `articles/${post.slug}.md`;

/** Where a medium's file goes in an export. */
export const mediaFileName = (storageKey: string) => `medias/${storageKey}`;

/**
 * The post as a Markdown file with YAML front matter (title, date, slug, status, category, tags, and the
 * search engine fields when written), the shape Hugo, Jekyll, Eleventy and Astro read. The blog's images
 * point at the export's own `medias/` folder.
 */
export function postToMarkdownFile(post: MarkdownPost): string {
  const frontMatter: Record<string, unknown> = {
    title: post.title,
    date: new Date(post.publishedAt ?? post.updatedAt).toISOString(),
    slug: post.slug,
    status: post.status,
    ...(post.category ? { category: post.category.name } : {}),
    tags: post.tags.map((tag) => tag.name),
    ...(post.excerpt ? { excerpt: post.excerpt } : {}),
    // Hugo's and Jekyll's (jekyll-seo-tag) name for the page's meta description.
    ...(post.seoDescription ? { description: post.seoDescription } : {}),
    ...(post.seoTitle ? { seo_title: post.seoTitle } : {}),
  };
  const body = post.bodyMarkdown.replace(/\]\(\/medias\//g, "](../medias/");
  return matter.stringify(body.endsWith("\n") ? body : `${body}\n`, frontMatter);
}
