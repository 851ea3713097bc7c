import type { BlogSettings, Language } from "@/lib/db/schema";
import { formatCount, formatMonth, type Translator } from "@/lib/i18n";
import { sidebarArchive, type ArchiveMonth } from "@/lib/posts/archive";
import { categoryPath, monthPath, yearPath } from "@/lib/posts/paths";
import { NewsletterSignupForm } from "@/components/newsletter/signup-form";

export type SidebarData = {
  subscriberCount: number;
  viewTotal: number;
  archiveMonths: ArchiveMonth[];
  categories: { id: number; slug: string; name: string; postCount: number }[];
};

// A list of links, each followed by its count in the muted colour.
const COUNTED_LIST = "space-y-1 text-sm [&_span]:text-[var(--color-muted)]";

function Widget({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-title`} className="mb-3 font-serif text-lg font-bold text-[var(--accent)]">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The blog's sidebar: search, newsletter signup and count, visitor total, archives by month, categories. */
export function Sidebar({
  blogId,
  data,
  settings,
  language,
  t,
}: {
  blogId: number;
  data: SidebarData;
  settings: BlogSettings;
  language: Language;
  t: Translator;
}) {
  const shows = (widget: BlogSettings["sidebarWidgets"][number]) => settings.sidebarWidgets.includes(widget);
  const archive = sidebarArchive(data.archiveMonths);
  return (
    <aside aria-label={t("sidebar.label")} className="space-y-6">
      {shows("search") ? (
        <Widget id="recherche" title={t("audience.searchWidget")}>
          <form action="/recherche" method="get" role="search" aria-labelledby="recherche-title" className="flex gap-2">
            <label htmlFor="recherche-q" className="sr-only">
              {t("audience.searchLabel")}
            </label>
            <input
              id="recherche-q"
              name="q"
              type="search"
              required
              maxLength={200}
              className="min-w-0 flex-1 rounded border border-stone-300 px-3 py-2"
            />
            <button type="submit" className="rounded bg-[var(--accent)] px-3 py-2 font-semibold text-white hover:opacity-90">
              {t("audience.searchSubmit")}
            </button>
          </form>
        </Widget>
      ) : null}
      {shows("newsletter") ? (
        <Widget id="newsletter" title={t("sidebar.newsletter")}>
          <p className="mb-3 text-sm">{t("sidebar.newsletterIntro")}</p>
          <NewsletterSignupForm
            blogId={blogId}
            idPrefix="newsletter"
            labels={{ email: t("sidebar.newsletterEmail"), submit: t("sidebar.newsletterSubmit"), pending: t("newsletter.submitPending") }}
          />
          <p className="mt-3 text-sm font-semibold" data-testid="subscriber-count">
            {t("sidebar.subscribers", { count: data.subscriberCount })}
          </p>
        </Widget>
      ) : null}
      {shows("visitors") ? (
        <Widget id="visiteurs" title={t("sidebar.visitors")}>
          <p className="text-sm">
            {t("sidebar.visitorsSince")}{" "}
            <strong className="block font-serif text-2xl" data-testid="visitor-total">
              {formatCount(data.viewTotal, language)}
            </strong>
          </p>
        </Widget>
      ) : null}
      {shows("archives") && data.archiveMonths.length > 0 ? (
        <Widget id="archives" title={t("sidebar.archives")}>
          {/* The latest years month by month, the years before on a line each (lib/posts/archive.ts): a
              blog's age would otherwise add a line per month to every page. Each line is kept to its
              link and its count (their look comes from the list's classes). */}
          <ul className={COUNTED_LIST}>
            {archive.months.map((entry) => (
              <li key={`${entry.year}-${entry.month}`}>
                <a href={monthPath(entry.year, entry.month)}>{formatMonth(entry.year, entry.month, language)}</a> <span>{`(${formatCount(entry.count, language)})`}</span>
              </li>
            ))}
            {archive.years.map((entry) => (
              <li key={entry.year}>
                <a href={yearPath(entry.year)}>{entry.year}</a> <span>{`(${formatCount(entry.count, language)})`}</span>
              </li>
            ))}
          </ul>
        </Widget>
      ) : null}
      {shows("categories") && data.categories.length > 0 ? (
        <Widget id="categories" title={t("sidebar.categories")}>
          <ul className={COUNTED_LIST}>
            {data.categories.map((category) => (
              <li key={category.id}>
                <a href={categoryPath(category.slug)}>{category.name}</a> <span>{`(${formatCount(category.postCount, language)})`}</span>
              </li>
            ))}
          </ul>
        </Widget>
      ) : null}
    </aside>
  );
}
