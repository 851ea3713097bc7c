import type { Metadata } from "next";
import { DayChart } from "@/components/stats/day-chart";
import { requireMemberBlog } from "@/lib/blogs/access";
import { formatCount, getTranslator } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { getStatisticsReport, STATISTICS_PERIODS } from "@/lib/stats/report";
import { blogUrl } from "@/lib/urls";

export const metadata: Metadata = { title: "Statistiques", robots: { index: false } };

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ periode?: string | string[] }> };

export default async function StatisticsPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/statistiques`);
  const t = getTranslator("fr");
  const requested = Number((await searchParams).periode);
  const period = STATISTICS_PERIODS.find((days) => days === requested) ?? 30;
  const report = await getStatisticsReport({ blogId: blog.id, period });
  const { days } = report;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  return (
    <section aria-labelledby="statistiques-titre" style={{ "--accent": safeAccentColor(blog.settings.accentColor) } as React.CSSProperties}>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 id="statistiques-titre" className="font-serif text-3xl font-bold">
          {t("audience.statsTitle")}
        </h1>
        <nav aria-label={t("audience.statsPeriods")}>
          <ul className="flex gap-2 text-sm">
            {STATISTICS_PERIODS.map((days) => (
              <li key={days}>
                <a
                  href={`/admin/${blog.slug}/statistiques?periode=${days}`}
                  aria-current={days === period ? "page" : undefined}
                  className="rounded-full border border-stone-300 bg-white px-3 py-1 aria-[current=page]:bg-stone-900 aria-[current=page]:text-white"
                >
                  {t("audience.statsPeriod", { days })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="grid gap-6">
        <DayChart
          id="visites"
          title={t("audience.statsViewsTitle")}
          summary={t("audience.statsViewsSummary", { views: sum(report.views), days: period, total: formatCount(report.viewTotal, "fr") })}
          days={days}
          values={report.views}
          valueLabel={t("audience.statsViews")}
          kind="bars"
          t={t}
        />
        <div className="grid gap-6 md:grid-cols-2">
          <section aria-labelledby="articles-lus-titre" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <h2 id="articles-lus-titre" className="font-serif text-xl font-bold">
              {t("audience.statsTopPosts")}
            </h2>
            {report.topPosts.length === 0 ? (
              <p className="mt-2 text-sm">{t("audience.statsTopPostsEmpty")}</p>
            ) : (
              <table className="mt-2 w-full text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="text-left">
                      {t("audience.statsPost")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("audience.statsViews")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.topPosts.map((post) => (
                    <tr key={post.postId} className="border-t border-stone-100 align-top">
                      <td className="py-1 pr-2">
                        {post.publishedAt !== null ? (
                          <a href={blogUrl(blog.slug, articlePath({ slug: post.slug, publishedAt: post.publishedAt }, blog.timeZone))}>{post.title}</a>
                        ) : (
                          post.title
                        )}
                      </td>
                      <td className="py-1 text-right tabular-nums">{formatCount(post.views, "fr")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="referents-titre" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <h2 id="referents-titre" className="font-serif text-xl font-bold">
              {t("audience.statsReferrers")}
            </h2>
            {report.referrers.length === 0 ? (
              <p className="mt-2 text-sm">{t("audience.statsReferrersEmpty")}</p>
            ) : (
              <table className="mt-2 w-full text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="text-left">
                      {t("audience.statsSite")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("audience.statsViews")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.referrers.map((referrer) => (
                    <tr key={referrer.domain} className="border-t border-stone-100">
                      <td className="break-all py-1 pr-2">{referrer.domain}</td>
                      <td className="py-1 text-right tabular-nums">{formatCount(referrer.views, "fr")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <DayChart
          id="abonnes"
          title={t("audience.statsSubscribersTitle")}
          summary={t("audience.statsSubscribersSummary", { count: report.subscribers[report.subscribers.length - 1] ?? 0 })}
          days={days}
          values={report.subscribers}
          valueLabel={t("audience.statsSubscribers")}
          kind="line"
          t={t}
        />
        <DayChart
          id="commentaires"
          title={t("audience.statsCommentsTitle")}
          summary={t("audience.statsCommentsSummary", { count: sum(report.comments) })}
          days={days}
          values={report.comments}
          valueLabel={t("audience.statsComments")}
          kind="bars"
          t={t}
        />
      </div>
      <p className="mt-6 text-sm text-[var(--color-muted)]">{t("audience.statsDaysNote")}</p>
    </section>
  );
}
