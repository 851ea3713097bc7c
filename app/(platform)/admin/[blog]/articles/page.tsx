import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { asMember, requireMemberBlog } from "@/lib/blogs/access";
import { POST_STATUSES, type PostStatus } from "@/lib/db/schema";
import { formatCount, formatDateTime, getTranslator } from "@/lib/i18n";
import { can } from "@/lib/permissions";
import { countPostsByStatus, listPostsForAdmin } from "@/lib/posts/mutations";
import { articlePath } from "@/lib/posts/paths";
import { blogUrl } from "@/lib/urls";

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "editor.postsTitle");
}

const PAGE_SIZE = 25;

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ etat?: string; q?: string; page?: string; nouveau?: string; supprime?: string }> };

export default async function AdminPostsPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const { user, blog } = await requireMemberBlog(slug, `/admin/${slug}/articles`);
  const t = getTranslator(blog.language);
  const status = POST_STATUSES.includes(query.etat as PostStatus) ? (query.etat as PostStatus) : undefined;
  const search = (query.q ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(100_000, Number.parseInt(query.page ?? "1", 10) || 1));
  const [{ rows, total }, counts] = await Promise.all([
    listPostsForAdmin({ blogId: blog.id, status, query: search, page, pageSize: PAGE_SIZE }),
    countPostsByStatus(blog.id),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const statusLabel = { draft: t("editor.statusDraft"), scheduled: t("editor.statusScheduled"), published: t("editor.statusPublished") };
  const href = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    const merged = { etat: status, q: search || undefined, page: undefined, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value) next.set(key, value);
    const text = next.toString();
    return `/admin/${blog.slug}/articles${text ? `?${text}` : ""}`;
  };
  const allCount = counts.draft + counts.scheduled + counts.published;
  return (
    <section aria-labelledby="articles-titre">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h1 id="articles-titre" className="font-serif text-3xl font-bold">
          {t("editor.postsTitle")}
        </h1>
        <a href={`/admin/${blog.slug}/articles/nouveau`} className="rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white no-underline">
          {t("editor.newPost")}
        </a>
      </div>
      {query.nouveau ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          {t("editor.welcome")}
        </p>
      ) : null}
      {query.supprime ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          {t("editor.deleted")}
        </p>
      ) : null}
      <nav aria-label={t("editor.filterLabel")} className="mb-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {[undefined, ...POST_STATUSES].map((value) => (
            <li key={value ?? "all"}>
              <a
                href={href({ etat: value })}
                aria-current={value === status ? "page" : undefined}
                className="rounded-full border border-stone-300 px-3 py-1 aria-[current=page]:bg-stone-900 aria-[current=page]:text-white"
              >
                {value ? statusLabel[value] : t("editor.filterAll")} ({formatCount(value ? counts[value] : allCount, blog.language)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" className="mb-6 flex gap-2" role="search">
        {status ? <input type="hidden" name="etat" value={status} /> : null}
        <label htmlFor="recherche-articles" className="sr-only">
          {t("editor.search")}
        </label>
        <input id="recherche-articles" name="q" defaultValue={search} placeholder={t("editor.search")} className="flex-1 rounded border border-stone-300 px-3 py-2" />
        <button type="submit" className="rounded border border-stone-400 bg-white px-4 py-2">
          {t("editor.searchSubmit")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t("editor.noPosts")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">{t("editor.colTitle")}</th>
                <th scope="col" className="p-2">{t("editor.colStatus")}</th>
                <th scope="col" className="p-2">{t("editor.colDate")}</th>
                <th scope="col" className="p-2">{t("editor.colUpdated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const mine = can(asMember(blog, user.id), "post.edit", { blogId: blog.id, authorId: row.authorId });
                return (
                  <tr key={row.id} className="border-b border-stone-200">
                    <td className="p-2">
                      {mine ? <a href={`/admin/${blog.slug}/articles/${row.id}`}>{row.title || t("editor.untitled")}</a> : <span>{row.title || t("editor.untitled")} <span className="text-[var(--color-muted)]">{t("editor.notYours")}</span></span>}
                      {row.status === "published" && row.publishedAt ? (
                        <>
                          {" "}
                          <a href={blogUrl(blog.slug, articlePath({ publishedAt: row.publishedAt, slug: row.slug }, blog.timeZone))} className="text-xs">
                            ↗
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td className="p-2">{statusLabel[row.status]}</td>
                    <td className="p-2">{row.publishedAt ? formatDateTime(row.publishedAt, blog.language, blog.timeZone) : "—"}</td>
                    <td className="p-2">{formatDateTime(row.updatedAt, blog.language, blog.timeZone)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pagination" className="mt-6 flex items-center justify-between text-sm">
          {page > 1 ? <a href={href({ page: String(page - 1) })}>{t("editor.previous")}</a> : <span />}
          <span>{t("editor.page", { page, pages })}</span>
          {page < pages ? <a href={href({ page: String(page + 1) })}>{t("editor.next")}</a> : <span />}
        </nav>
      ) : null}
    </section>
  );
}
