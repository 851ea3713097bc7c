import { eq } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug, type PublicBlog } from "@/lib/blogs/queries";
import { db } from "@/lib/db";
import { categories, posts } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, seedDemoBlog } from "@/lib/demo/seed";
import { buildAtom, buildRss, type FeedInput } from "@/lib/feeds/build";
import { listFeedPosts } from "@/lib/feeds/queries";
import { renderedHtml } from "../helpers/markdown";

// tests/helpers/test-database.ts sets ROOT_DOMAIN=carnet.test and PUBLIC_PROTOCOL=https.
const BLOG_URL = "https://formation-continue.carnet.test";
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name, jpath) => name === "item" || name === "entry" || (name === "link" && String(jpath).startsWith("feed")),
});

let blog: PublicBlog;

beforeAll(async () => {
  await seedDemoBlog();
  const found = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!found) throw new Error("demo blog missing");
  blog = found;
});

async function feedInput(options: { fullText?: boolean; categoryId?: number } = {}): Promise<FeedInput> {
  return {
    blog: { ...blog, fullText: options.fullText ?? true },
    posts: await listFeedPosts({ blogId: blog.id, categoryId: options.categoryId }),
  };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

type RssItem = { title: string; link: string; guid: { "#text": string; "@isPermaLink": string }; pubDate: string; description: string; "content:encoded"?: string; "dc:creator": string };
type AtomEntry = { id: string; title: { "#text": string }; link: { "@href": string }[]; published: string; updated: string; content?: { "#text": string; "@type": string }; summary: { "#text": string } };

describe("the blog's RSS 2.0 feed", () => {
  it("lists the twenty newest posts with absolute links, dates, author and full text", async () => {
    const rss = parse(buildRss(await feedInput())).rss as { "@version": string; channel: Record<string, unknown> };
    expect(rss["@version"]).toBe("2.0");
    const channel = rss.channel as { title: string; link: string; description: string; language: string; "atom:link": { "@href": string; "@rel": string }; item: RssItem[] };
    expect(channel.title).toBe("Formation Continue du Supérieur");
    expect(channel.link).toBe(`${BLOG_URL}/`);
    expect(channel.description).toContain("formation continue");
    expect(channel.language).toBe("fr");
    expect(channel["atom:link"]).toMatchObject({ "@href": `${BLOG_URL}/flux/rss.xml`, "@rel": "self" });
    expect(channel.item).toHaveLength(17);
    const article = channel.item.find((item) => item.title === "Les réseaux sociaux d’entreprise au service de la formation");
    expect(article?.link).toBe(`${BLOG_URL}/archives/2012/06/24/reseaux-sociaux-entreprise-formation`);
    expect(article?.guid).toEqual({ "#text": article?.link, "@isPermaLink": "true" });
    expect(new Date(article?.pubDate ?? "").toISOString()).toBe(new Date("2012-06-24T09:30:00+02:00").toISOString());
    expect(article?.["dc:creator"]).toBe("Hélène Marchand");
    // Full text, with the post's image made absolute for feed readers.
    expect(article?.["content:encoded"]).toContain("<h2");
    expect(article?.["content:encoded"]).toContain(`src="${BLOG_URL}/static/demo/reseau-social-entreprise.svg"`);
    const dates = channel.item.map((item) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("carries the excerpt only when the blog chose excerpts", async () => {
    const channel = (parse(buildRss(await feedInput({ fullText: false }))).rss as { channel: { item: RssItem[] } }).channel;
    expect(channel.item.every((item) => item["content:encoded"] === undefined)).toBe(true);
    expect(channel.item[0]?.description).not.toContain("<p>");
  });

  it("stays well-formed whatever a blogger writes in a title or a post", async () => {
    const input = await feedInput();
    const hostile = "« Guillemets » & <balises> ]]> \u0001\u0008 \uFFFF \uD800 fin";
    input.posts.unshift({ ...input.posts[0]!, id: 999, slug: "piege", title: hostile, excerpt: hostile, bodyHtml: await renderedHtml(`${hostile}\n\n<script>alert(1)</script>`) });
    const rss = (parse(buildRss(input)).rss as { channel: { item: RssItem[] } }).channel.item[0];
    // Characters XML cannot carry are left out; everything else reads back as written.
    expect(rss?.title).toBe("« Guillemets » & <balises> ]]>    fin");
    const atom = (parse(buildAtom(input)).feed as { entry: AtomEntry[] }).entry[0];
    expect(atom?.title["#text"]).toBe(rss?.title);
  });
});

describe("the blog's Atom feed", () => {
  it("is a valid Atom 1.0 feed of the same posts", async () => {
    const feed = parse(buildAtom(await feedInput())).feed as {
      "@xmlns": string;
      id: string;
      title: { "#text": string };
      updated: string;
      link: { "@rel": string; "@href": string }[];
      author: { name: string };
      entry: AtomEntry[];
    };
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title["#text"]).toBe("Formation Continue du Supérieur");
    expect(feed.link.find((link) => link["@rel"] === "self")?.["@href"]).toBe(`${BLOG_URL}/flux/atom.xml`);
    expect(feed.link.find((link) => link["@rel"] === "alternate")?.["@href"]).toBe(`${BLOG_URL}/`);
    expect(feed.author.name).toBe("Formation Continue du Supérieur");
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    expect(feed.entry).toHaveLength(17);
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(new RegExp(`^${BLOG_URL}/archives/\\d{4}/\\d{2}/\\d{2}/[a-z0-9-]+$`));
      expect(entry.link[0]?.["@href"]).toBe(entry.id);
      expect(Date.parse(entry.updated)).toBeGreaterThanOrEqual(Date.parse(entry.published));
      expect(entry.content?.["@type"]).toBe("html");
    }
  });
});

describe("a category's feeds", () => {
  it("hold only that category's posts, under the category's title", async () => {
    const [numerique] = await db.select().from(categories).where(eq(categories.slug, "numerique"));
    if (!numerique) throw new Error("category missing");
    const input: FeedInput = { ...(await feedInput({ categoryId: numerique.id })), listing: { path: "/categorie/numerique", title: "Formation Continue du Supérieur — Numérique" } };
    const channel = (parse(buildRss(input)).rss as { channel: { title: string; link: string; item: RssItem[] } }).channel;
    expect(channel.title).toBe("Formation Continue du Supérieur — Numérique");
    expect(channel.link).toBe(`${BLOG_URL}/categorie/numerique`);
    const inCategory = await db.select({ id: posts.id }).from(posts).where(eq(posts.categoryId, numerique.id));
    expect(channel.item).toHaveLength(inCategory.length);
    const atom = parse(buildAtom(input)).feed as { link: { "@rel": string; "@href": string }[] };
    expect(atom.link.find((link) => link["@rel"] === "self")?.["@href"]).toBe(`${BLOG_URL}/categorie/numerique/flux/atom.xml`);
  });
});

describe("publishing", () => {
  it("puts a freshly published post at the top of the feed, and never a draft", async () => {
    const now = Date.now();
    await db.insert(posts).values([
      { blogId: blog.id, slug: "tout-frais", title: "Un article tout frais", bodyHtml: "<p>Publié à l’instant.</p>", excerpt: "Publié à l’instant.", status: "published", publishedAt: now, updatedAt: now },
      { blogId: blog.id, slug: "pas-fini", title: "Pas encore fini", status: "draft", updatedAt: now },
    ]);
    const channel = (parse(buildRss(await feedInput())).rss as { channel: { item: RssItem[] } }).channel;
    expect(channel.item[0]?.title).toBe("Un article tout frais");
    expect(channel.item).toHaveLength(18);
    expect(channel.item.map((item) => item.title)).not.toContain("Pas encore fini");
  });
});
