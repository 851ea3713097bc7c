import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { categories } from "@/lib/db/schema";
import { isReadOnlyStatement } from "@/lib/db/serialized-writes";
import { makeBlog, makeUser } from "../helpers/fixtures";

describe("writes from concurrent requests", () => {
  it("lets many transactions that await in the middle all commit, with writes outside them in between", async () => {
    const blog = await makeBlog(await makeUser());
    const started = Date.now();
    const transactions = Array.from({ length: 20 }, (_, i) =>
      db.transaction(async (tx) => {
        await tx.insert(categories).values({ blogId: blog.id, slug: `t-${i}-a`, name: `T${i} A` });
        // What a real action does between two statements: some other asynchronous work.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.insert(categories).values({ blogId: blog.id, slug: `t-${i}-b`, name: `T${i} B` });
      }),
    );
    const singles = Array.from({ length: 20 }, (_, i) => db.insert(categories).values({ blogId: blog.id, slug: `s-${i}`, name: `S${i}` }));
    const results = await Promise.allSettled([...transactions, ...singles]);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(await db.select().from(categories).where(eq(categories.blogId, blog.id))).toHaveLength(60);
    // Without turns, this took the busy timeout (seconds) and ended in SQLITE_BUSY.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("rolls back a failed transaction and lets the next writer in", async () => {
    const blog = await makeBlog(await makeUser());
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(categories).values({ blogId: blog.id, slug: "annulee", name: "Annulée" });
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    await db.insert(categories).values({ blogId: blog.id, slug: "suivante", name: "Suivante" });
    expect((await db.select({ slug: categories.slug }).from(categories).where(eq(categories.blogId, blog.id))).map((row) => row.slug)).toEqual(["suivante"]);
  });

  it("tells reads from writes", () => {
    expect(isReadOnlyStatement("select 1")).toBe(true);
    expect(isReadOnlyStatement({ sql: "  SELECT * from post where id = ?", args: [1] })).toBe(true);
    expect(isReadOnlyStatement("with x as (select 1) select * from x")).toBe(true);
    expect(isReadOnlyStatement("with x as (select 1) insert into t select * from x")).toBe(false);
    expect(isReadOnlyStatement("insert into post values (1)")).toBe(false);
    expect(isReadOnlyStatement("update post set title = 'select'")).toBe(false);
    expect(isReadOnlyStatement("PRAGMA journal_mode = WAL")).toBe(false);
    expect(isReadOnlyStatement("pragma table_info(post)")).toBe(true);
  });
});
