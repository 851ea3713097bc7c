import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug, type PublicBlog } from "@/lib/blogs/queries";
import { DEMO_BLOG_SLUG, seedDemoBlog } from "@/lib/demo/seed";
import { blogPostingJsonLd, jsonLdText } from "@/lib/seo/json-ld";
import { readerMetadata } from "@/lib/seo/metadata";
import { ogSafeText, textColorOn } from "@/lib/seo/og-text";
import { listBlogsForSitemapIndex, listSitemapEntries } from "@/lib/seo/queries";
import { buildBlogSitemap, buildSitemapIndex } from "@/lib/seo/sitemap";
import { blogUrl } from "@/lib/urls";

const BLOG_URL = "https://formation-continue.carnet.test";
const parser = new XMLParser({ isArray: (name) => name === "url" || name === "sitemap" });
let blog: PublicBlog;

beforeAll(async () => {
  await seedDemoBlog();
  const found = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!found) throw new Error("demo blog missing");
  blog = found;
});

describe("the blog's sitemap", () => {
  it("lists the home page, every published article, the categories, the tags and the months, with dates", async () => {
    const xml = buildBlogSitemap({ absolute: (path) => blogUrl(blog.slug, path), timeZone: blog.timeZone, entries: await listSitemapEntries(blog.id) });
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = (parser.parse(xml) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
    const locs = urls.map((url) => url.loc);
    expect(locs[0]).toBe(`${BLOG_URL}/`);
    expect(locs).toContain(`${BLOG_URL}/archives/2012/06/24/reseaux-sociaux-entreprise-formation`);
    expect(locs).toContain(`${BLOG_URL}/categorie/numerique`);
    expect(locs).toContain(`${BLOG_URL}/tag/reseaux-sociaux`);
    expect(locs).toContain(`${BLOG_URL}/archives/2012/06`);
    expect(locs.filter((loc) => /\/archives\/\d{4}\/\d{2}\/\d{2}\//.test(loc))).toHaveLength(17);
    expect(new Set(locs).size).toBe(locs.length);
    for (const url of urls.filter((entry) => entry.lastmod)) expect(Number.isNaN(Date.parse(url.lastmod ?? ""))).toBe(false);
  });

  it("is listed in the platform's sitemap index", async () => {
    const xml = buildSitemapIndex((await listBlogsForSitemapIndex()).map((entry) => ({ loc: blogUrl(entry.slug, "/sitemap.xml"), lastmod: entry.lastPublishedAt })));
    expect(XMLValidator.validate(xml)).toBe(true);
    const sitemaps = (parser.parse(xml) as { sitemapindex: { sitemap: { loc: string; lastmod: string }[] } }).sitemapindex.sitemap;
    expect(sitemaps).toContainEqual({ loc: `${BLOG_URL}/sitemap.xml`, lastmod: new Date("2013-09-17T10:00:00+02:00").toISOString() });
  });
});

describe("sharing tags", () => {
  it("give an article its title, description, address, generated image and article properties", () => {
    const metadata = readerMetadata({
      blog,
      path: "/archives/2012/06/24/reseaux-sociaux-entreprise-formation",
      title: "Les réseaux sociaux d’entreprise au service de la formation — Formation Continue du Supérieur",
      description: "Les réseaux sociaux d’entreprise s’installent…",
      article: { title: "Les réseaux sociaux d’entreprise au service de la formation", publishedAt: 1_340_523_000_000, updatedAt: 1_340_523_000_000, authorName: "Hélène Marchand", section: "Numérique", tags: ["entreprise"] },
    });
    expect(metadata.alternates?.canonical).toBe(`${BLOG_URL}/archives/2012/06/24/reseaux-sociaux-entreprise-formation`);
    expect(metadata.openGraph).toMatchObject({
      type: "article",
      title: "Les réseaux sociaux d’entreprise au service de la formation",
      siteName: "Formation Continue du Supérieur",
      locale: "fr_FR",
      images: [{ url: `${BLOG_URL}/archives/2012/06/24/reseaux-sociaux-entreprise-formation/og.png`, width: 1200, height: 630 }],
      authors: ["Hélène Marchand"],
    });
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image" });
  });
});

describe("JSON-LD", () => {
  it("cannot be closed by a post's text", () => {
    const text = jsonLdText(
      blogPostingJsonLd({
        url: `${BLOG_URL}/x`,
        title: "</script><script>alert(1)</script>",
        description: "a & b \u2028",
        publishedAt: 0,
        updatedAt: 0,
        authorName: "Hélène",
        blogTitle: "Blog",
        blogUrl: `${BLOG_URL}/`,
        imageUrl: `${BLOG_URL}/x/og.png`,
        language: "fr",
        section: null,
        keywords: [],
      }),
    );
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toMatchObject({ "@type": "BlogPosting", headline: "</script><script>alert(1)</script>", description: "a & b \u2028" });
  });
});

describe("the sharing image's text", () => {
  it("keeps French text and leaves out what the image font cannot draw", () => {
    expect(ogSafeText("Les réseaux sociaux d’entreprise « œuvrent » — été…")).toBe("Les réseaux sociaux d’entreprise « œuvrent » — été…");
    expect(ogSafeText("Émoji 🎓 et 中文 ici")).toBe("Émoji et ici");
    expect(ogSafeText("a".repeat(300))).toHaveLength(140);
  });

  it("writes in white on dark colours and in ink on light ones", () => {
    expect(textColorOn("#8a3b12")).toBe("#ffffff");
    expect(textColorOn("#1f3a5f")).toBe("#ffffff");
    expect(textColorOn("#f5d76e")).toBe("#1f1b16");
    expect(textColorOn("#ffffff")).toBe("#1f1b16");
  });
});
