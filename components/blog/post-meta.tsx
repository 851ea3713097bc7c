import { formatLongDate, type Translator } from "@/lib/i18n";
import type { Language } from "@/lib/db/schema";
import { categoryPath } from "@/lib/posts/paths";

/** Date, byline and category of a post, as shown above its title and in listings. */
export function PostMeta({
  post,
  language,
  timeZone,
  t,
}: {
  post: { publishedAt: number; authorName: string; categoryName: string | null; categorySlug: string | null };
  language: Language;
  timeZone: string;
  t: Translator;
}) {
  return (
    <p className="text-sm text-[var(--color-muted)]">
      <time dateTime={new Date(post.publishedAt).toISOString()} className="font-semibold text-[var(--accent)]">
        {formatLongDate(post.publishedAt, language, timeZone)}
      </time>
      {post.authorName ? <> · <span>{t("blog.by", { author: post.authorName })}</span></> : null}
      {post.categoryName && post.categorySlug ? (
        <>
          {" "}
          · <a href={categoryPath(post.categorySlug)}>{t("blog.in", { category: post.categoryName })}</a>
        </>
      ) : null}
    </p>
  );
}
