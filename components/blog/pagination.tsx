import type { Translator } from "@/lib/i18n";

/** Newer/older links between pages of a listing; nothing when everything fits on one page. */
export function Pagination({
  page,
  pages,
  hrefFor,
  t,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  t: Translator;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("blog.pagination")} className="mt-12 flex items-center justify-between border-t border-stone-300 pt-4 text-sm">
      {page > 1 ? <a href={hrefFor(page - 1)} rel="prev">{t("blog.newerPosts")}</a> : <span />}
      <span className="text-[var(--color-muted)]">{t("blog.pageOf", { page, pages })}</span>
      {page < pages ? <a href={hrefFor(page + 1)} rel="next">{t("blog.olderPosts")}</a> : <span />}
    </nav>
  );
}
