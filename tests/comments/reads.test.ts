import { describe, expect, it } from "vitest";
import { approvedCommentsQuery } from "@/lib/comments/queries";
import { dbClient } from "@/lib/db";

// SQLite keeps no statistics in Carnet's databases: between two indexes that match a query equally,
// it may pick the one whose rows grow with the whole blog. The article's page is the one read with 200
// comments on a cache miss (tests/bench/growth.ts): its plan must not depend on the blog's size.

describe("reading an article's comments", () => {
  it("goes through the post's index, with the blog's id checked there, not through every comment of the blog", async () => {
    const { sql, params } = approvedCommentsQuery({ blogId: 1, postId: 1 }).toSQL();
    const plan = await dbClient.execute({ sql: `explain query plan ${sql}`, args: params as never });
    const steps = plan.rows.map((row) => String(row.detail));
    expect(steps).toEqual(["SEARCH comment USING INDEX comment_post_status_idx (post_id=? AND status=? AND blog_id=?)"]);
  });
});
