import { Fragment } from "react";
import type { PublicBlog } from "@/lib/blogs/queries";
import type { Translator } from "@/lib/i18n";
import { zonedDateParts } from "@/lib/i18n";
import { monthPath, tagPath } from "@/lib/posts/paths";
import type { PublishedPost } from "@/lib/posts/queries";
import { pageMarkup } from "@/lib/reader/page-markup";
import { PageHtml } from "./page-html";
import { PostMeta } from "./post-meta";

/** A post as its page shows it (the article page, and its preview): date and byline, title, cover, text, tags. */
export function Article({ post, blog, t }: { post: PublishedPost; blog: PublicBlog; t: Translator }) {
  const { year, month } = zonedDateParts(post.publishedAt, blog.timeZone);
  return (
    <article aria-labelledby="titre-article">
      <PostMeta post={post} language={blog.language} timeZone={blog.timeZone} t={t} />
      <h1 id="titre-article" className="mt-2 font-serif text-4xl font-bold leading-tight">
        {post.title}
      </h1>
      {post.cover ? (
        // eslint-disable-next-line @next/next/no-img-element -- the blog's own upload, already scaled and immutable
        <img
          src={post.cover.url}
          alt={post.cover.alt}
          width={post.cover.width ?? undefined}
          height={post.cover.height ?? undefined}
          className="mt-6 h-auto w-full rounded-lg"
        />
      ) : null}
      {/* Rendered from Markdown and sanitised when the post was saved (lib/markdown/render.ts); in the
          page's HTML only, where npm start's server allows it (lib/reader/page-markup.ts). */}
      <PageHtml
        id="texte-article"
        className="prose prose-stone mt-8 max-w-none prose-headings:font-serif prose-a:text-[var(--accent)] prose-blockquote:border-[var(--accent)] prose-img:rounded-lg"
        {...pageMarkup(post.bodyHtml)}
      />
      {post.tags.length > 0 ? (
        <p className="mt-8 text-sm text-[var(--color-muted)]">
          {t("blog.tags")} :{" "}
          {post.tags.map((tag, i) => (
            <Fragment key={tag.slug}>
              {i > 0 ? ", " : null}
              <a href={tagPath(tag.slug)} rel="tag">
                {tag.name}
              </a>
            </Fragment>
          ))}
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        <a href={monthPath(year, month)}>{t("sidebar.archives")}</a>
      </p>
    </article>
  );
}
