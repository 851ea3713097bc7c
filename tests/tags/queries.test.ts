import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { posts, postTags, tags, type PostStatus } from "@/lib/db/schema";
import { buildAtom, type FeedInput } from "@/lib/feeds/build";
import { listFeedPosts } from "@/lib/feeds/queries";
import { getPublicTagBySlug, listPublishedPosts } from "@/lib/posts/queries";
import { listSitemapEntries } from "@/lib/seo/queries";
import { makeBlog, makeUser } from "../helpers/fixtures";

const DAY = 86_400_000;
const start = Date.UTC(2024, 2, 1, 9);

let blogId = 0;
let otherBlogId = 0;
let potager = 0;
let semis = 0;
let otherPotager = 0;

async function post(input: { blogId: number; slug: string; status: PostStatus; day: number; tagIds: number[] }) {
  const [row] = await db
    .insert(posts)
    .values({
      blogId: input.blogId,
      slug: input.slug,
      title: `Billet ${input.slug}`,
      status: input.status,
      publishedAt: input.status === "draft" ? null : start + input.day * DAY,
      updatedAt: start,
    })
    .returning({ id: posts.id });
  if (!row) throw new Error("post not created");
  if (input.tagIds.length > 0) await db.insert(postTags).values(input.tagIds.map((tagId) => ({ postId: row.id, tagId })));
}

beforeAll(async () => {
  const owner = await makeUser();
  blogId = (await makeBlog(owner)).id;
  otherBlogId = (await makeBlog(owner)).id;
  const rows = await db
    .insert(tags)
    .values([
      { blogId, slug: "potager", name: "potager" },
      { blogId, slug: "semis", name: "semis" },
      { blogId: otherBlogId, slug: "potager", name: "Potager d’à côté" },
    ])
    .returning({ id: tags.id });
  [potager, semis, otherPotager] = rows.map((row) => row.id) as [number, number, number];
  // Twelve published posts about the vegetable garden, one a day; around them, what must never show.
  for (let day = 1; day <= 12; day += 1) await post({ blogId, slug: `potager-jour-${day}`, status: "published", day, tagIds: day === 5 ? [potager, semis] : [potager] });
  await post({ blogId, slug: "brouillon-potager", status: "draft", day: 0, tagIds: [potager] });
  await post({ blogId, slug: "potager-programme", status: "scheduled", day: 40, tagIds: [potager] });
  await post({ blogId, slug: "sans-mot-cle", status: "published", day: 20, tagIds: [] });
  await post({ blogId: otherBlogId, slug: "potager-voisin", status: "published", day: 30, tagIds: [otherPotager] });
});

describe("a tag's page", () => {
  it("lists only the tag's published posts, newest first, ten to a page, with the total", async () => {
    const first = await listPublishedPosts({ blogId, tagId: potager, page: 1, pageSize: 10 });
    expect(first.total).toBe(12);
    expect(first.posts.map((row) => row.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `potager-jour-${12 - i}`));
    const second = await listPublishedPosts({ blogId, tagId: potager, page: 2, pageSize: 10 });
    expect(second.posts.map((row) => row.slug)).toEqual(["potager-jour-2", "potager-jour-1"]);
    expect((await listPublishedPosts({ blogId, tagId: semis, page: 1, pageSize: 10 })).posts.map((row) => row.slug)).toEqual(["potager-jour-5"]);
  });

  it("finds a tag by its slug in its own blog only", async () => {
    expect(await getPublicTagBySlug({ blogId, slug: "potager" })).toEqual({ id: potager, slug: "potager", name: "potager" });
    expect(await getPublicTagBySlug({ blogId: otherBlogId, slug: "potager" })).toEqual({ id: otherPotager, slug: "potager", name: "Potager d’à côté" });
    expect(await getPublicTagBySlug({ blogId, slug: "inconnu" })).toBeNull();
  });

  it("never reaches another blog's tag or posts, even with its id", async () => {
    expect((await listPublishedPosts({ blogId, tagId: otherPotager, page: 1, pageSize: 10 })).total).toBe(0);
    expect((await listPublishedPosts({ blogId: otherBlogId, tagId: potager, page: 1, pageSize: 10 })).total).toBe(0);
    expect(await listFeedPosts({ blogId, tagId: otherPotager })).toEqual([]);
  });

  it("keeps a tag that only drafts and scheduled posts carry out of sight", async () => {
    const [secret] = await db.insert(tags).values({ blogId, slug: "projet-secret", name: "projet secret" }).returning({ id: tags.id });
    await post({ blogId, slug: "brouillon-secret", status: "draft", day: 0, tagIds: [secret!.id] });
    await post({ blogId, slug: "annonce-programmee", status: "scheduled", day: 50, tagIds: [secret!.id] });
    expect(await getPublicTagBySlug({ blogId, slug: "projet-secret" })).toBeNull();
    expect((await listSitemapEntries(blogId)).tags.map((tag) => tag.slug)).not.toContain("projet-secret");
  });
});

describe("a tag's feed", () => {
  it("carries the tag's published posts under the tag page's address", async () => {
    const feedPosts = await listFeedPosts({ blogId, tagId: potager });
    expect(feedPosts.map((row) => row.slug)).toEqual(Array.from({ length: 12 }, (_, i) => `potager-jour-${12 - i}`));
    const input: FeedInput = {
      blog: { slug: "potager-bio", title: "Le potager bio", description: "", language: "fr", timeZone: "Europe/Paris", fullText: false },
      listing: { path: "/tag/potager", title: "Le potager bio — mot-clé potager" },
      posts: feedPosts,
    };
    const atom = buildAtom(input);
    expect(XMLValidator.validate(atom)).toBe(true);
    const feed = (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(atom) as { feed: { title: { "#text": string }; link: { "@rel": string; "@href": string }[] } }).feed;
    expect(feed.title["#text"]).toBe("Le potager bio — mot-clé potager");
    expect(feed.link.map((link) => [link["@rel"], link["@href"]])).toEqual([
      ["alternate", "https://potager-bio.carnet.test/tag/potager"],
      ["self", "https://potager-bio.carnet.test/tag/potager/flux/atom.xml"],
    ]);
  });
});

describe("the blog's sitemap", () => {
  it("lists the tags that published posts carry, most recently used first", async () => {
    const listed = (await listSitemapEntries(blogId)).tags;
    expect(listed).toEqual([
      { slug: "potager", lastPublishedAt: start + 12 * DAY },
      { slug: "semis", lastPublishedAt: start + 5 * DAY },
    ]);
  });
});
