import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { oldAddresses, posts } from "@/lib/db/schema";
import { feedForOldPath, findPostByOldAddress } from "@/lib/import/old-addresses";
import { normalizeOldPath } from "@/lib/import/old-paths";
import { makeBlog, makeUser } from "../helpers/fixtures";

describe("old addresses", () => {
  it("are compared decoded and without their trailing slash", () => {
    expect(normalizeOldPath("/2019/03/caf%C3%A9-gourmand/")).toBe("/2019/03/café-gourmand");
    expect(normalizeOldPath("/?p=123")).toBe("/?p=123");
    expect(normalizeOldPath("/")).toBe("/");
  });

  it("send WordPress, Canalblog and Blogger feed addresses to the blog's feeds", () => {
    expect(feedForOldPath("/feed/")).toBe("/flux/rss.xml");
    expect(feedForOldPath("/rss.xml")).toBe("/flux/rss.xml");
    expect(feedForOldPath("/atom.xml")).toBe("/flux/atom.xml");
    expect(feedForOldPath("/?feed=rss2")).toBe("/flux/rss.xml");
    expect(feedForOldPath("/2019/03/billet")).toBeNull();
  });

  it("lead to a published post of the same blog only", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const other = await makeBlog(userId);
    const now = Date.now();
    const [published, draft] = await db
      .insert(posts)
      .values([
        { blogId: blog.id, slug: "mon-billet", title: "Mon billet", status: "published", publishedAt: Date.UTC(2019, 2, 24), updatedAt: now },
        { blogId: blog.id, slug: "brouillon", title: "Brouillon", status: "draft", updatedAt: now },
      ])
      .returning({ id: posts.id });
    await db.insert(oldAddresses).values([
      { blogId: blog.id, path: "/2019/03/mon-billet", postId: published!.id },
      { blogId: blog.id, path: "/?p=130", postId: draft!.id },
    ]);
    expect(await findPostByOldAddress({ blogId: blog.id, paths: ["/2019/03/mon-billet/"] })).toEqual({ slug: "mon-billet", publishedAt: Date.UTC(2019, 2, 24) });
    expect(await findPostByOldAddress({ blogId: blog.id, paths: ["/?p=130"] })).toBeNull();
    expect(await findPostByOldAddress({ blogId: other.id, paths: ["/2019/03/mon-billet"] })).toBeNull();
  });
});
