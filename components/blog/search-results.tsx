import type { PublicBlog } from "@/lib/blogs/queries";
import { formatLongDate, type Translator } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import type { SearchResult } from "@/lib/search/queries";

const searchHref = (query: string, page: number) => `/recherche?${new URLSearchParams(page > 1 ? { q: query, page: String(page) } : { q: query })}`;

/** A page of search results: count, then each post's title, date and highlighted snippet; links between pages. */
export function SearchResults({
  blog,
  query,
  truncated,
  page,
  pages,
  total,
  results,
  t,
}: {
  blog: PublicBlog;
  query: string;
  truncated: boolean;
  page: number;
  pages: number;
  total: number;
  results: SearchResult[];
  t: Translator;
}) {
  return (
    <section aria-labelledby="resultats-titre">
      <h2 id="resultats-titre" className="font-serif text-xl font-bold">
        {t("audience.searchResultsFor", { query })}
      </h2>
      <p role="status" className="mt-1 text-sm text-[var(--color-muted)]">
        {t("audience.searchCount", { count: total })}
      </p>
      {truncated ? <p className="mt-2 text-sm">{t("audience.searchTruncated")}</p> : null}
      {total === 0 ? <p className="mt-6">{t("audience.searchEmpty")}</p> : null}
      <ol className="mt-6 space-y-8">
        {results.map((result) => (
          <li key={result.id}>
            <article aria-labelledby={`resultat-${result.id}`}>
              <h3 id={`resultat-${result.id}`} className="font-serif text-xl font-bold leading-snug">
                <a href={articlePath(result, blog.timeZone)} className="text-[var(--color-ink)] hover:underline">
                  {result.title}
                </a>
              </h3>
              <p className="text-sm text-[var(--color-muted)]">
                <time dateTime={new Date(result.publishedAt).toISOString()}>{formatLongDate(result.publishedAt, blog.language, blog.timeZone)}</time>
              </p>
              <p
                className="mt-1 leading-relaxed [&_mark]:rounded [&_mark]:bg-amber-200 [&_mark]:px-0.5"
                // Escaped by snippetToHtml (lib/search/query.ts): only its own <mark> elements are markup.
                dangerouslySetInnerHTML={{ __html: result.snippetHtml }}
              />
            </article>
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav aria-label={t("audience.searchPagination")} className="mt-10 flex items-center justify-between border-t border-stone-300 pt-4 text-sm">
          {page > 1 ? <a href={searchHref(query, page - 1)} rel="prev">{t("audience.searchPrevious")}</a> : <span />}
          <span className="text-[var(--color-muted)]">{t("blog.pageOf", { page, pages })}</span>
          {page < pages ? <a href={searchHref(query, page + 1)} rel="next">{t("audience.searchNext")}</a> : <span />}
        </nav>
      ) : null}
    </section>
  );
}
