// Runs in the production server outside Next's bundles too (lib/cli/serve.mjs): no "server-only" here.
import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { db } from "@/lib/db";
import { blogs, blogViewTotals, dailyPostViews, dailyReferrers, dailyViews, posts, postViewTotals } from "@/lib/db/schema";
import type { ViewBatch } from "./view-counter";

function statementsOf(batch: ViewBatch): SQL[] {
  const statements: SQL[] = [];
  const blogTotals = new Map<number, number>();
  for (const row of batch.blogDays) blogTotals.set(row.blogId, (blogTotals.get(row.blogId) ?? 0) + row.views);
  const postTotals = new Map<number, { blogId: number; views: number }>();
  for (const row of batch.postDays) {
    const total = postTotals.get(row.postId) ?? { blogId: row.blogId, views: 0 };
    total.views += row.views;
    postTotals.set(row.postId, total);
  }

  // Each row is inserted from the blog (or post) it counts for, so that views of a blog or post deleted
  // meanwhile are dropped instead of failing the whole batch on a foreign key.
  for (const [blogId, views] of blogTotals) {
    statements.push(sql`insert into ${blogViewTotals} (blog_id, views)
      select ${blogs.id}, ${views} from ${blogs} where ${blogs.id} = ${blogId}
      on conflict (blog_id) do update set views = ${blogViewTotals}.views + excluded.views`);
  }
  for (const row of batch.blogDays) {
    statements.push(sql`insert into ${dailyViews} (blog_id, day, views)
      select ${blogs.id}, ${row.day}, ${row.views} from ${blogs} where ${blogs.id} = ${row.blogId}
      on conflict (blog_id, day) do update set views = ${dailyViews}.views + excluded.views`);
  }
  for (const [postId, total] of postTotals) {
    statements.push(sql`insert into ${postViewTotals} (post_id, blog_id, views)
      select ${posts.id}, ${posts.blogId}, ${total.views} from ${posts} where ${posts.id} = ${postId} and ${posts.blogId} = ${total.blogId}
      on conflict (post_id) do update set views = ${postViewTotals}.views + excluded.views`);
  }
  for (const row of batch.postDays) {
    statements.push(sql`insert into ${dailyPostViews} (post_id, blog_id, day, views)
      select ${posts.id}, ${posts.blogId}, ${row.day}, ${row.views} from ${posts} where ${posts.id} = ${row.postId} and ${posts.blogId} = ${row.blogId}
      on conflict (post_id, day) do update set views = ${dailyPostViews}.views + excluded.views`);
  }
  for (const row of batch.referrerDays) {
    statements.push(sql`insert into ${dailyReferrers} (blog_id, day, domain, views)
      select ${blogs.id}, ${row.day}, ${row.domain}, ${row.views} from ${blogs} where ${blogs.id} = ${row.blogId}
      on conflict (blog_id, day, domain) do update set views = ${dailyReferrers}.views + excluded.views`);
  }
  return statements;
}

/**
 * Adds a batch of counted views to the totals and daily tables, in one transaction: either every
 * count of the batch lands or none does (and the caller keeps them for the next try).
 */
export async function saveViewBatch(batch: ViewBatch): Promise<void> {
  const statements = statementsOf(batch).map((statement) => db.run(statement));
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest] as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
