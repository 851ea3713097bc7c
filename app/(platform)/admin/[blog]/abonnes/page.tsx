import type { Metadata } from "next";
import { ImportSubscribersForm } from "@/components/newsletter/import-form";
import { describeLimit } from "@/lib/abuse/limits";
import { requireMemberBlog } from "@/lib/blogs/access";
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from "@/lib/db/schema";
import { formatCount, formatLongDate } from "@/lib/i18n";
import { removeSubscriberAction } from "@/lib/newsletter/actions";
import { countSubscribersByStatus, listSubscribers } from "@/lib/newsletter/queries";

export const metadata: Metadata = { title: "Abonnés", robots: { index: false } };

const PAGE_SIZE = 50;
const STATUS_LABELS: Record<SubscriberStatus, string> = { confirmed: "Confirmé", pending: "En attente", unsubscribed: "Désabonné" };
const SOURCE_LABELS: Record<string, string> = { form: "Formulaire", import: "Import" };

type Props = {
  params: Promise<{ blog: string }>;
  searchParams: Promise<{ q?: string | string[]; statut?: string | string[]; page?: string | string[]; retire?: string; refuse?: string }>;
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

// The subscribers of a blog, for its owner only: who, since when, from where; search, removal, CSV.
export default async function SubscribersPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const base = `/admin/${slug}/abonnes`;
  const { blog } = await requireMemberBlog(slug, base, "subscribers.manage");
  const search = single(query.q).trim().slice(0, 100);
  const status = SUBSCRIBER_STATUSES.find((value) => value === single(query.statut));
  const page = Math.max(1, Math.min(100_000, Number.parseInt(single(query.page), 10) || 1));
  const [list, counts] = await Promise.all([
    listSubscribers({ blogId: blog.id, search: search || undefined, status, page, pageSize: PAGE_SIZE }),
    countSubscribersByStatus(blog.id),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const pageHref = (n: number) => `${base}?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(status ? { statut: status } : {}), page: String(n) })}`;
  const date = (value: number | null) => (value === null ? "—" : formatLongDate(value, "fr", blog.timeZone));
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-baseline justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-bold">Abonnés</h1>
          <p className="text-[var(--color-muted)]" data-testid="subscriber-totals">
            {formatCount(counts.confirmed, "fr")} confirmé(s) · {formatCount(counts.pending, "fr")} en attente · {formatCount(counts.unsubscribed, "fr")} désabonné(s)
          </p>
        </div>
        <p className="flex flex-col text-sm">
          <a href={`${base}/export.csv`} className="font-semibold">
            Exporter en CSV (Excel, LibreOffice)
          </a>
          <a href={`${base}/export.csv?separateur=virgule`}>CSV séparé par des virgules</a>
        </p>
      </header>
      {query.retire ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          L’abonné a été retiré : il ne recevra plus rien de ce blog.
        </p>
      ) : null}
      {query.refuse ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          Seul le propriétaire du blog peut retirer un abonné.
        </p>
      ) : null}
      <form method="get" role="search" aria-label="Rechercher un abonné" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <p>
          <label htmlFor="recherche" className="block text-sm font-semibold">
            Adresse contenant
          </label>
          <input id="recherche" name="q" type="search" defaultValue={search} maxLength={100} className="mt-1 rounded border border-stone-300 px-3 py-2" />
        </p>
        <p>
          <label htmlFor="statut" className="block text-sm font-semibold">
            Statut
          </label>
          <select id="statut" name="statut" defaultValue={status ?? ""} className="mt-1 rounded border border-stone-300 bg-white px-3 py-2">
            <option value="">Tous</option>
            {SUBSCRIBER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 font-semibold text-white">
          Rechercher
        </button>
      </form>
      <section aria-labelledby="liste-abonnes" className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
        <h2 id="liste-abonnes" className="mb-3 font-serif text-xl font-bold">
          {formatCount(list.total, "fr")} abonné(s){search || status ? " correspondant(s)" : ""}
        </h2>
        {list.rows.length === 0 ? (
          <p>Aucun abonné ne correspond.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-3">Adresse</th>
                <th scope="col" className="py-2 pr-3">Statut</th>
                <th scope="col" className="py-2 pr-3">Source</th>
                <th scope="col" className="py-2 pr-3">Inscription</th>
                <th scope="col" className="py-2 pr-3">Confirmation</th>
                <th scope="col" className="py-2 pr-3">Désinscription</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id} className="border-b border-stone-100">
                  <td className="py-2 pr-3 break-all">{row.email}</td>
                  <td className="py-2 pr-3">{STATUS_LABELS[row.status]}</td>
                  <td className="py-2 pr-3">{SOURCE_LABELS[row.source] ?? row.source}</td>
                  <td className="py-2 pr-3">{date(row.createdAt)}</td>
                  <td className="py-2 pr-3">{date(row.confirmedAt)}</td>
                  <td className="py-2 pr-3">{date(row.unsubscribedAt)}</td>
                  <td className="py-2">
                    <form action={removeSubscriberAction}>
                      <input type="hidden" name="blogId" value={blog.id} />
                      <input type="hidden" name="subscriberId" value={row.id} />
                      <button type="submit" className="text-red-800 underline" aria-label={`Retirer ${row.email}`}>
                        Retirer
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages d’abonnés" className="mt-4 flex gap-4 text-sm">
            {page > 1 ? <a href={pageHref(page - 1)}>← Page précédente</a> : null}
            <span>
              Page {page} sur {pages}
            </span>
            {page < pages ? <a href={pageHref(page + 1)}>Page suivante →</a> : null}
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="import-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="import-titre" className="mb-2 font-serif text-xl font-bold">
          Importer des abonnés
        </h2>
        <p className="mb-4 text-sm">
          N’importez que des personnes qui ont demandé à recevoir vos articles. Chacune reçoit un e-mail de confirmation, sauf si vous
          déclarez qu’elle a déjà confirmé ailleurs ; sans confirmation, elle ne reçoit rien d’autre.
        </p>
        <ImportSubscribersForm blogId={blog.id} attestedCeiling={describeLimit("attestedSubscribers", blog.createdAt)} />
      </section>
    </div>
  );
}
