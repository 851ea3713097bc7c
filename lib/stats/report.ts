import "server-only";
import { dailySeries, lastDays, runningSeries } from "./chart";
import {
  getBlogViewTotal,
  listDailyComments,
  listDailyViews,
  listSubscriberChanges,
  listTopPosts,
  listTopReferrers,
} from "./queries";

export const STATISTICS_PERIODS = [30, 90, 365] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

/** Everything the statistics page shows for a blog over the last `period` days (UTC), day by day. */
export async function getStatisticsReport(input: { blogId: number; period: StatisticsPeriod; now?: number }) {
  const days = lastDays(input.now ?? Date.now(), input.period);
  const fromDay = days[0] ?? "";
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const [viewTotal, views, topPosts, referrers, subscriberChanges, comments] = await Promise.all([
    getBlogViewTotal(input.blogId),
    listDailyViews({ blogId: input.blogId, fromDay }),
    listTopPosts({ blogId: input.blogId, fromDay, limit: 10 }),
    listTopReferrers({ blogId: input.blogId, fromDay, limit: 10 }),
    listSubscriberChanges({ blogId: input.blogId, from }),
    listDailyComments({ blogId: input.blogId, from }),
  ]);
  return {
    days,
    viewTotal,
    views: dailySeries(days, views),
    topPosts,
    referrers,
    subscribers: runningSeries(days, subscriberChanges.before, subscriberChanges.joined, subscriberChanges.left),
    comments: dailySeries(days, comments),
  };
}
