import type { Metadata } from "next";
import { ImportSubscribersForm } from "@/components/newsletter/import-form";
import { describeLimit } from "@/lib/abuse/limits";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from "@/lib/db/schema";
import { formatLongDate, getTranslator, type Translator } from "@/lib/i18n";
import { removeSubscriberAction } from "@/lib/newsletter/actions";
import { countSubscribersByStatus, listSubscribers } from "@/lib/newsletter/queries";

const PAGE_SIZE = 50;
const STATUS_KEYS = {
  confirmed: "subscribers.statusConfirmed",
  pending: "subscribers.statusPending",
  unsubscribed: "subscribers.statusUnsubscribed",
} as const satisfies Record<SubscriberStatus, string>;
const SOURCE_KEYS: Record<string, "subscribers.sourceForm" | "subscribers.sourceImport"> = { form: "subscribers.sourceForm", import: "subscribers.sourceImport" };

const COLUMNS = ["colAddress", "colStatus", "colSource", "colSignedUp", "colConfirmed", "colUnsubscribed"] as const;

const sourceLabel = (source: string, t: Translator) => {
  const key = SOURCE_KEYS[source];
  return key ? t(key) : source;
};

type Props = {
  params: Promise<{ blog: string }>;
  searchParams: Promise<{ q?: string | string[]; statut?: string | string[]; page?: string | string[]; retire?: string; refuse?: string }>;
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "subscribers.title");
}

// The subscribers of a blog, for its owner only: who, since when, from where; search, removal, CSV.
export default async function SubscribersPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const base = `/admin/${slug}/abonnes`;
  const { blog } = await requireMemberBlog(slug, base, "subscribers.manage");
  const t = getTranslator(blog.language);
  const search = single(query.q).trim().slice(0, 100);
  const status = SUBSCRIBER_STATUSES.find((value) => value === single(query.statut));
  const page = Math.max(1, Math.min(100_000, Number.parseInt(single(query.page), 10) || 1));
  const [list, counts] = await Promise.all([
    listSubscribers({ blogId: blog.id, search: search || undefined, status, page, pageSize: PAGE_SIZE }),
    countSubscribersByStatus(blog.id),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const pageHref = (n: number) => `${base}?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(status ? { statut: status } : {}), page: String(n) })}`;
  const date = (value: number | null) => (value === null ? "—" : formatLongDate(value, blog.language, blog.timeZone));
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-baseline justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-bold">{t("subscribers.title")}</h1>
          <p className="text-[var(--color-muted)]" data-testid="subscriber-totals">
            {t("subscribers.totals", counts)}
          </p>
        </div>
        <p className="flex flex-col text-sm">
          <a href={`${base}/export.csv`} className="font-semibold">
            {t("subscribers.exportCsv")}
          </a>
          <a href={`${base}/export.csv?separateur=virgule`}>{t("subscribers.exportCsvCommas")}</a>
        </p>
      </header>
      {query.retire ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {t("subscribers.removed")}
        </p>
      ) : null}
      {query.refuse ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {t("subscribers.removeRefused")}
        </p>
      ) : null}
      <form method="get" role="search" aria-label={t("subscribers.searchLabel")} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <p>
          <label htmlFor="recherche" className="block text-sm font-semibold">
            {t("subscribers.searchAddress")}
          </label>
          <input id="recherche" name="q" type="search" defaultValue={search} maxLength={100} className="mt-1 rounded border border-stone-300 px-3 py-2" />
        </p>
        <p>
          <label htmlFor="statut" className="block text-sm font-semibold">
            {t("subscribers.status")}
          </label>
          <select id="statut" name="statut" defaultValue={status ?? ""} className="mt-1 rounded border border-stone-300 bg-white px-3 py-2">
            <option value="">{t("subscribers.statusAll")}</option>
            {SUBSCRIBER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(STATUS_KEYS[value])}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 font-semibold text-white">
          {t("subscribers.searchSubmit")}
        </button>
      </form>
      <section aria-labelledby="liste-abonnes" className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
        <h2 id="liste-abonnes" className="mb-3 font-serif text-xl font-bold">
          {t(search || status ? "subscribers.countMatching" : "subscribers.count", { count: list.total })}
        </h2>
        {list.rows.length === 0 ? (
          <p>{t("subscribers.noMatch")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className="py-2 pr-3">
                    {t(`subscribers.${column}`)}
                  </th>
                ))}
                <th scope="col" className="py-2">
                  <span className="sr-only">{t("subscribers.colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id} className="border-b border-stone-100">
                  <td className="py-2 pr-3 break-all">{row.email}</td>
                  <td className="py-2 pr-3">{t(STATUS_KEYS[row.status])}</td>
                  <td className="py-2 pr-3">{sourceLabel(row.source, t)}</td>
                  <td className="py-2 pr-3">{date(row.createdAt)}</td>
                  <td className="py-2 pr-3">{date(row.confirmedAt)}</td>
                  <td className="py-2 pr-3">{date(row.unsubscribedAt)}</td>
                  <td className="py-2">
                    <form action={removeSubscriberAction}>
                      <input type="hidden" name="blogId" value={blog.id} />
                      <input type="hidden" name="subscriberId" value={row.id} />
                      <button type="submit" className="text-red-800 underline" aria-label={t("subscribers.removeLabel", { email: row.email })}>
                        {t("subscribers.remove")}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label={t("subscribers.pagination")} className="mt-4 flex gap-4 text-sm">
            {page > 1 ? <a href={pageHref(page - 1)}>{t("subscribers.previous")}</a> : null}
            <span>{t("subscribers.page", { page, pages })}</span>
            {page < pages ? <a href={pageHref(page + 1)}>{t("subscribers.next")}</a> : null}
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="import-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="import-titre" className="mb-2 font-serif text-xl font-bold">
          {t("subscribers.importTitle")}
        </h2>
        <p className="mb-4 text-sm">{t("subscribers.importIntro")}</p>
        <ImportSubscribersForm
          blogId={blog.id}
          labels={{
            file: t("subscribers.importFile"),
            fileHint: t("subscribers.importFileHint"),
            consent: t("subscribers.importConsent"),
            attested: t("subscribers.importAttested"),
            attestedCeiling: t("subscribers.importAttestedCeiling", { ceiling: describeLimit("attestedSubscribers", blog.createdAt, undefined, blog.language) }),
            submit: t("subscribers.importSubmit"),
            pending: t("subscribers.importPending"),
          }}
        />
      </section>
    </div>
  );
}
