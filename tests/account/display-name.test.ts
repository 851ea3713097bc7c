import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { changeDisplayNameAction } from "@/lib/account/actions";
import { db } from "@/lib/db";
import { posts, users } from "@/lib/db/schema";
import { asUser, formOf, makeSignedInTeam, takeRevalidated } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

describe("the display name", () => {
  it("changes the name under the person's posts, expiring those pages, and refuses an empty one", async () => {
    const team = await makeSignedInTeam();
    const now = Date.now();
    const [post] = await db
      .insert(posts)
      .values({ blogId: team.blog.id, authorId: team.author.userId, slug: "billet", title: "Billet", status: "published", publishedAt: now, updatedAt: now })
      .returning({ id: posts.id });
    asUser(team.author);
    takeRevalidated();
    expect(await changeDisplayNameAction(null, formOf({ name: "  Anatole A.  " }))).toEqual({ ok: true, message: "Nom enregistré : il paraît sous vos articles." });
    expect((await db.select({ name: users.name }).from(users).where(eq(users.id, team.author.userId)))[0]?.name).toBe("Anatole A.");
    expect(takeRevalidated().tags.sort()).toEqual([`blog-posts:${team.blog.id}`, `post:${post!.id}`].sort());
    expect(await changeDisplayNameAction(null, formOf({ name: "   " }))).toMatchObject({ ok: false, values: { name: "   " } });
    asUser(null);
    expect(await changeDisplayNameAction(null, formOf({ name: "Intrus" }))).toMatchObject({ ok: false, code: "session" });
  });
});
