import type { Metadata } from "next";
import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

export const OG_IMAGE_SIZE = { width: 1200, height: 630 };

const OG_LOCALES = { fr: "fr_FR", en: "en_US" } as const;

/** "/archives/2012/06/24/mon-article/og.png": the generated sharing image of an article. */
export const articleImagePath = (articlePath: string) => `${articlePath}/og.png`;
/** The blog's own sharing image, for its other pages. */
export const BLOG_IMAGE_PATH = "/og.png";

/**
 * The <head> of a reader page: title and description, canonical address, OpenGraph and Twitter card.
 * Articles get their own generated image and article:* properties; other pages the blog's image.
 */
export function readerMetadata(input: {
  blog: PublicBlog;
  path: string;
  title: string;
  description: string;
  /** og:title and twitter:title, when not the article's title (the blogger's title for search engines). */
  shareTitle?: string;
  article?: {
    title: string;
    publishedAt: number;
    updatedAt: number;
    authorName: string;
    section: string | null;
    tags: string[];
  };
}): Metadata {
  const { blog, article } = input;
  const t = getTranslator(blog.language);
  const url = blogUrl(blog.slug, input.path);
  const image = {
    url: blogUrl(blog.slug, article ? articleImagePath(input.path) : BLOG_IMAGE_PATH),
    ...OG_IMAGE_SIZE,
    alt: article ? t("audience.ogImageAlt", { title: article.title, blog: blog.title }) : blog.title,
  };
  const shared = {
    title: input.shareTitle ?? article?.title ?? input.title,
    description: input.description,
    url,
    siteName: blog.title,
    locale: OG_LOCALES[blog.language],
    images: [image],
  };
  return {
    title: input.title,
    description: input.description,
    alternates: { canonical: url },
    openGraph: article
      ? {
          ...shared,
          type: "article",
          publishedTime: new Date(article.publishedAt).toISOString(),
          modifiedTime: new Date(Math.max(article.updatedAt, article.publishedAt)).toISOString(),
          authors: article.authorName ? [article.authorName] : undefined,
          section: article.section ?? undefined,
          tags: article.tags,
        }
      : { ...shared, type: "website" },
    twitter: { card: "summary_large_image", title: shared.title, description: input.description, images: [image] },
  };
}
