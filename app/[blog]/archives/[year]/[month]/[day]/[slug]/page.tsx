import type { Metadata } from "next";
import { cache } from "react";
import { notFound, permanentRedirect } from "next/navigation";
import { BlogShell } from "@/components/blog/blog-shell";
import { CommentsSection } from "@/components/blog/comments-section";
import { Article } from "@/components/blog/article";
import { articlePath } from "@/lib/posts/paths";
import { articleSeo } from "@/lib/posts/seo";
import { getTranslator } from "@/lib/i18n";
import { readAdjacentPosts, readComments, readOldAddress, readPost } from "@/lib/reader/cached-reads";
import { loadBlogOrNotFound, parseRouteNumber } from "@/lib/reader/blog-page";
import { blogPostingJsonLd, jsonLdText } from "@/lib/seo/json-ld";
import { articleImagePath, readerMetadata } from "@/lib/seo/metadata";
import { blogUrl, platformUrl } from "@/lib/urls";

type Params = { blog: string; year: string; month: string; day: string; slug: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

// No article is rendered at build (the build knows neither the address nor the database): each is
// rendered on its first request, then served from the cache.
export function generateStaticParams(): Params[] {
  return [];
}

// One read per render, shared by the metadata and the page (React's cache, keyed by the address's
// segments): the cached reads behind it do not merge two calls in flight on a cache miss.
const loadArticle = cache(async (blogSlug: string, yearSegment: string, monthSegment: string, daySegment: string, slug: string) => {
  const requestedPath = `/archives/${yearSegment}/${monthSegment}/${daySegment}/${slug}`;
  const blog = await loadBlogOrNotFound(blogSlug);
  const year = parseRouteNumber(yearSegment, 4, 1990, 2999);
  const month = parseRouteNumber(monthSegment, 2, 1, 12);
  const day = parseRouteNumber(daySegment, 2, 1, 31);
  if (year === null || month === null || day === null || !/^[a-z0-9-]{1,120}$/.test(slug)) notFound();
  const post = await readPost({ blogId: blog.id, slug });
  if (!post) {
    // A Canalblog article imported keeps its old address (/archives/2012/06/24/24567890.html).
    const moved = await readOldAddress({ blogId: blog.id, paths: [`${requestedPath}.html`, requestedPath] });
    if (moved) permanentRedirect(articlePath(moved, blog.timeZone));
    notFound();
  }
  const path = articlePath(post, blog.timeZone);
  return { blog, post, path, requestedPath };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog: blogSlug, year, month, day, slug } = await params;
  const { blog, post, path } = await loadArticle(blogSlug, year, month, day, slug);
  return readerMetadata({
    blog,
    path,
    ...articleSeo(post, blog.title),
    article: {
      title: post.title,
      publishedAt: post.publishedAt,
      updatedAt: post.updatedAt,
      authorName: post.authorName,
      section: post.categoryName,
      tags: post.tags.map((tag) => tag.name),
    },
  });
}

export default async function ArticlePage({ params }: Props) {
  const { blog: blogSlug, year, month, day, slug } = await params;
  const { blog, post, path, requestedPath } = await loadArticle(blogSlug, year, month, day, slug);
  // A post whose date was changed keeps answering at its old address.
  if (path !== requestedPath) permanentRedirect(path);
  const t = getTranslator(blog.language);
  const [comments, adjacent] = await Promise.all([
    readComments({ blogId: blog.id, postId: post.id }),
    readAdjacentPosts({ blogId: blog.id, postId: post.id, publishedAt: post.publishedAt }),
  ]);
  const jsonLd = blogPostingJsonLd({
    url: blogUrl(blog.slug, path),
    title: post.title,
    description: post.excerpt,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    authorName: post.authorName,
    blogTitle: blog.title,
    blogUrl: blogUrl(blog.slug, "/"),
    imageUrl: blogUrl(blog.slug, articleImagePath(path)),
    language: blog.language,
    section: post.categoryName,
    keywords: post.tags.map((tag) => tag.name),
  });
  return (
    <BlogShell blog={blog} editHref={platformUrl(`/admin/${blog.slug}/articles/${post.id}`)}>
      {/* Escaped by jsonLdText: no text of the post can close this element. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(jsonLd) }} />
      <Article post={post} blog={blog} t={t} />
      {adjacent.previous || adjacent.next ? (
        <nav aria-label={t("blog.adjacentPosts")} className="mt-10 grid gap-4 border-t border-stone-300 pt-6 sm:grid-cols-2">
          {adjacent.previous ? (
            <p>
              <span className="block text-sm text-[var(--color-muted)]">{t("blog.previousPost")}</span>
              <a href={articlePath(adjacent.previous, blog.timeZone)} rel="prev" className="font-serif font-semibold">
                {adjacent.previous.title}
              </a>
            </p>
          ) : (
            <span />
          )}
          {adjacent.next ? (
            <p className="sm:text-right">
              <span className="block text-sm text-[var(--color-muted)]">{t("blog.nextPost")}</span>
              <a href={articlePath(adjacent.next, blog.timeZone)} rel="next" className="font-serif font-semibold">
                {adjacent.next.title}
              </a>
            </p>
          ) : null}
        </nav>
      ) : null}
      <CommentsSection
        comments={comments}
        postId={post.id}
        articlePath={path}
        language={blog.language}
        timeZone={blog.timeZone}
        moderation={blog.settings.moderation}
        t={t}
      />
    </BlogShell>
  );
}
