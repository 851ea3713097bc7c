import { beforeAll, describe, expect, it } from "vitest";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { db } from "@/lib/db";
import { blogs, posts, users } from "@/lib/db/schema";
import { DEMO_BLOG_SLUG, seedDemoBlog } from "@/lib/demo/seed";
import { searchPublishedPosts } from "@/lib/search/queries";
import { MAX_QUERY_WORDS, parseSearchQuery, snippetToHtml } from "@/lib/search/query";

let blogId = 0;
let otherBlogId = 0;

beforeAll(async () => {
  await seedDemoBlog();
  const blog = await getBlogBySlug(DEMO_BLOG_SLUG);
  if (!blog) throw new Error("demo blog missing");
  blogId = blog.id;
  const now = Date.now();
  const [owner] = await db.insert(users).values({ name: "Autre blogueur", email: "autre@example.org" }).returning({ id: users.id });
  if (!owner) throw new Error("user not created");
  const [other] = await db.insert(blogs).values({ slug: "autre-carnet", title: "Autre carnet", ownerId: owner.id }).returning({ id: blogs.id });
  if (!other) throw new Error("blog not created");
  otherBlogId = other.id;
  await db.insert(posts).values([
    // Readers must never find these: a draft, a scheduled post, and another blog's post.
    { blogId, slug: "brouillon-reseaux", title: "Brouillon sur les réseaux sociaux", bodyMarkdown: "Réseaux sociaux, brouillon.", status: "draft", updatedAt: now },
    { blogId, slug: "programme-reseaux", title: "Réseaux sociaux programmés", bodyMarkdown: "Réseaux sociaux, plus tard.", status: "scheduled", publishedAt: now + 86_400_000, updatedAt: now },
    { blogId: otherBlogId, slug: "reseaux-ailleurs", title: "Réseaux sociaux ailleurs", bodyMarkdown: "Réseaux sociaux sur un autre blog.", status: "published", publishedAt: now, updatedAt: now },
    // A post whose text tries to inject markup into the snippets.
    {
      blogId,
      slug: "balises-piegees",
      title: "Un article piégé",
      bodyMarkdown: 'Le mot chrysanthème <script>alert("x")</script> puis \uE001</mark><img src=x onerror=alert(1)> et **gras**.',
      status: "published",
      publishedAt: now - 1000,
      updatedAt: now,
    },
  ]);
});

const search = (query: string, page = 1, pageSize = 10) => {
  const terms = parseSearchQuery(query);
  if (!terms) return null;
  return searchPublishedPosts({ blogId, match: terms.match, page, pageSize });
};

describe("turning a reader's query into FTS5", () => {
  it("keeps the words, each quoted and as a prefix", () => {
    expect(parseSearchQuery("  Réseaux  sociaux ! ")).toEqual({ words: ["réseaux", "sociaux"], match: '"réseaux"* "sociaux"*', truncated: false });
  });

  it("never lets FTS5 syntax through", () => {
    for (const hostile of ['"', '""', "*", "NEAR(a b)", "title:x", "a OR b AND NOT c", "-x", "^x", "(", ")", "{a b}:x", "'; drop table post; --"]) {
      const terms = parseSearchQuery(hostile);
      if (terms) expect(terms.match).toMatch(/^("[\p{L}\p{N}\p{M}]+"\*)( "[\p{L}\p{N}\p{M}]+"\*)*$/u);
    }
    expect(parseSearchQuery('"')).toBeNull();
    expect(parseSearchQuery("*** ((( )))")).toBeNull();
  });

  it("cuts very long queries", () => {
    const terms = parseSearchQuery("formation ".repeat(1000) + "x".repeat(10_000));
    expect(terms?.words).toEqual(["formation"]);
    expect(terms?.truncated).toBe(true);
    const many = parseSearchQuery(Array.from({ length: 20 }, (_, i) => `mot${i}`).join(" "));
    expect(many?.words).toHaveLength(MAX_QUERY_WORDS);
  });
});

describe("searching a blog's published posts", () => {
  it("finds « réseaux sociaux » when typed without accents, and in capitals, with marked snippets", async () => {
    for (const query of ["reseaux sociaux", "RÉSEAUX SOCIAUX", "Reseaux Sociaux"]) {
      const found = await search(query);
      expect(found?.results[0]?.title).toBe("Les réseaux sociaux d’entreprise au service de la formation");
      expect(found?.results[0]?.snippetHtml).toMatch(/<mark>réseaux<\/mark> <mark>sociaux<\/mark>/i);
    }
  });

  it("ranks a post with the words in its title first", async () => {
    const found = await search("diplômes université");
    expect(found?.results[0]?.slug).toBe("diplomes-universite-du");
  });

  it("never shows drafts, scheduled posts or another blog's posts", async () => {
    const found = await search("réseaux sociaux");
    const slugs = found?.results.map((result) => result.slug) ?? [];
    expect(slugs).not.toContain("brouillon-reseaux");
    expect(slugs).not.toContain("programme-reseaux");
    expect(slugs).not.toContain("reseaux-ailleurs");
  });

  it("pages through many results with a total", async () => {
    const all = await search("formation", 1, 100);
    expect(all?.total).toBeGreaterThan(10);
    const first = await search("formation", 1, 10);
    const second = await search("formation", 2, 10);
    expect(first?.total).toBe(all?.total);
    expect(first?.results).toHaveLength(10);
    expect(second?.results.map((r) => r.id)).toEqual(all?.results.slice(10, 20).map((r) => r.id));
  });

  it("answers hostile queries with results or nothing, never an error", async () => {
    for (const hostile of ['"formation', "formation*", "NEAR(formation adultes, 2)", "title:formation", "formation OR", "AND", "x".repeat(10_000), "é".repeat(5000), "\u0000\uE000", "👩‍🎓 formation"]) {
      const terms = parseSearchQuery(hostile);
      if (terms) await expect(searchPublishedPosts({ blogId, match: terms.match, page: 1, pageSize: 10 })).resolves.toBeDefined();
    }
  });

  it("escapes the post's own text in snippets: only our <mark> is markup", async () => {
    const found = await search("chrysanthème");
    const html = found?.results[0]?.snippetHtml ?? "";
    expect(html).toContain("<mark>chrysanthème</mark>");
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("**");
  });
});

describe("snippet markup", () => {
  it("balances marks whatever the text holds", () => {
    expect(snippetToHtml("a \uE000b\uE001 c")).toBe("a <mark>b</mark> c");
    expect(snippetToHtml("a \uE001 b \uE000c")).toBe("a  b <mark>c</mark>");
    expect(snippetToHtml("\uE000\uE000x\uE001\uE001")).toBe("<mark>x</mark>");
    expect(snippetToHtml("<b>&</b>")).toBe("&lt;b&gt;&amp;&lt;/b&gt;");
  });

  it("keeps link texts and drops their targets, even cut short", () => {
    expect(snippetToHtml("voir [le \uE000guide\uE001](https://example.org/guide) et ![schéma](/a.png)")).toBe("voir le <mark>guide</mark> et schéma");
    expect(snippetToHtml("voir [la page](https://example.org/coup")).toBe("voir la page");
    expect(snippetToHtml("fin](https://example.org) du lien")).toBe("fin du lien");
  });

  it("reads runs of brackets and parentheses a blogger wrote in one pass", () => {
    const started = performance.now();
    for (const run of ["[".repeat(100_000), "](".repeat(50_000), "![".repeat(50_000), "[a](".repeat(25_000)]) {
      expect(snippetToHtml(`mot ${run} \uE000mot\uE001`)).toContain("<mark>mot</mark>");
    }
    // A generous bound: the former patterns took seconds for 20 000 brackets, and grew with the square.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
