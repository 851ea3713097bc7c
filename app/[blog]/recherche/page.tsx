import type { Metadata } from "next";
import { BlogShell } from "@/components/blog/blog-shell";
import { SearchResults } from "@/components/blog/search-results";
import { getTranslator } from "@/lib/i18n";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { searchPublishedPosts } from "@/lib/search/queries";
import { MAX_QUERY_LENGTH, parseSearchQuery } from "@/lib/search/query";
import { blogUrl } from "@/lib/urls";

type Props = {
  params: Promise<{ blog: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const RESULTS_PER_PAGE = 10;
const MAX_PAGE = 100;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

// The one reader page that depends on the request (its query string): rendered for each search,
// never cached. Everything else on it (sidebar, blog) still comes from the data cache.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const blog = await loadBlogOrNotFound((await params).blog);
  return {
    title: getTranslator(blog.language)("audience.searchPageTitle", { blog: blog.title }),
    robots: { index: false, follow: true },
    alternates: { canonical: blogUrl(blog.slug, "/recherche") },
  };
}

export default async function SearchPage({ params, searchParams }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  const query = await searchParams;
  const text = single(query.q).slice(0, MAX_QUERY_LENGTH);
  const requestedPage = Number(single(query.page));
  const page = Number.isInteger(requestedPage) && requestedPage >= 1 ? Math.min(requestedPage, MAX_PAGE) : 1;
  const terms = parseSearchQuery(single(query.q));
  const found = terms ? await searchPublishedPosts({ blogId: blog.id, match: terms.match, page, pageSize: RESULTS_PER_PAGE }) : null;

  return (
    <BlogShell blog={blog}>
      <h1 id="recherche-page-titre" className="mb-6 font-serif text-3xl font-bold">
        {t("audience.searchTitle")}
      </h1>
      <form action="/recherche" method="get" role="search" aria-labelledby="recherche-page-titre" className="mb-8 flex flex-wrap gap-2">
        <label htmlFor="recherche-page-q" className="w-full text-sm font-semibold">
          {t("audience.searchLabel")}
        </label>
        <input
          id="recherche-page-q"
          name="q"
          type="search"
          required
          maxLength={MAX_QUERY_LENGTH}
          defaultValue={text}
          className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-3 py-2"
        />
        <button type="submit" className="rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white hover:opacity-90">
          {t("audience.searchSubmit")}
        </button>
      </form>
      {text.trim() === "" ? (
        <p>{t("audience.searchPrompt")}</p>
      ) : !terms || !found ? (
        <p role="status">{t("audience.searchNoWords")}</p>
      ) : (
        <SearchResults
          blog={blog}
          query={text}
          truncated={terms.truncated}
          page={page}
          pages={Math.min(MAX_PAGE, Math.ceil(found.total / RESULTS_PER_PAGE))}
          total={found.total}
          results={found.results}
          t={t}
        />
      )}
    </BlogShell>
  );
}
