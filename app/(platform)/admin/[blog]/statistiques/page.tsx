import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { DayChart } from "@/components/stats/day-chart";
import { RankedTable } from "@/components/stats/ranked-table";
import { requireMemberBlog } from "@/lib/blogs/access";
import { formatCount, getTranslator } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { getStatisticsReport, STATISTICS_PERIODS } from "@/lib/stats/report";
import { blogUrl } from "@/lib/urls";

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "audience.statsTitle");
}

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ periode?: string | string[] }> };

export default async function StatisticsPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/statistiques`);
  const t = getTranslator(blog.language);
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
          summary={t("audience.statsViewsSummary", { views: sum(report.views), days: period, total: formatCount(report.viewTotal, blog.language) })}
          days={days}
          values={report.views}
          valueLabel={t("audience.statsViews")}
          kind="bars"
          t={t}
        />
        <div className="grid gap-6 md:grid-cols-2">
          <RankedTable
            id="articles-lus"
            title={t("audience.statsTopPosts")}
            empty={t("audience.statsTopPostsEmpty")}
            nameHeader={t("audience.statsPost")}
            viewsHeader={t("audience.statsViews")}
            rows={report.topPosts.map((post) => ({
              key: post.postId,
              name:
                post.publishedAt !== null ? (
                  <a href={blogUrl(blog.slug, articlePath({ slug: post.slug, publishedAt: post.publishedAt }, blog.timeZone))}>{post.title}</a>
                ) : (
                  post.title
                ),
              views: post.views,
            }))}
          />
          <RankedTable
            id="referents"
            title={t("audience.statsReferrers")}
            empty={t("audience.statsReferrersEmpty")}
            nameHeader={t("audience.statsSite")}
            viewsHeader={t("audience.statsViews")}
            rows={report.referrers.map((referrer) => ({ key: referrer.domain, name: referrer.domain, views: referrer.views }))}
          />
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
