// `npm run bench`, growth part (`npm run bench:growth` alone): the costs that must not grow with a blog's
// content, measured on the demo blog grown to 1 000, then 10 000 posts (100 000 comments), each time on a
// fresh server (its page cache empty): the first request of a reader page is a cache miss, rendered
// there and then. Five different addresses per kind; the median and the slowest are reported.
import { createClient, type Client } from "@libsql/client";
import { cpus, loadavg } from "node:os";
import { startCarnet, type RunningCarnet } from "../helpers/carnet-server";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session-cookie";
import { demoBlog } from "./grow-demo";

const DIST_DIR = ".next-bench";
const BATCH = 1000;
const COMMENTED_POSTS = 5;
// Ten more articles with 200 comments each, asked first and not measured: the render of such a page is
// only optimised by V8 after it has run a few times, which a running server has done long ago.
const WARM_UP_ARTICLES = 10;
const COMMENTS_ON_EACH = 200;
const START = Date.parse("2014-01-01T08:00:00Z");
// One post every eight hours: 10 000 posts span nine years, about 90 a month.
const SPACING = 8 * 3_600_000;

// `warmUp`: addresses of the same kind, asked once each before the measured ones and not measured: the
// first render of each kind of page loads and compiles its code, which is not the content's cost. Their
// times are reported too when there are several (the article's).
type Measure = { name: string; target: string; urls: string[]; warmUp: string[]; cookie?: boolean; times?: number };
type Timing = { median: number; max: number };

async function categoryIds(client: Client, blogId: number): Promise<{ id: number; slug: string }[]> {
  const rows = await client.execute({ sql: "select id, slug from category where blog_id = ? order by id", args: [blogId] });
  return rows.rows.map((row) => ({ id: Number(row.id), slug: String(row.slug) }));
}

/** Grows the generated posts to `total` (nine in ten published, spread over the categories) and the comments to ten a post. */
async function growTo(client: Client, from: number, total: number): Promise<void> {
  const { blogId, ownerId } = await demoBlog(client);
  const categories = await categoryIds(client, blogId);
  for (let offset = from; offset < total; offset += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, total - offset) }, (_, i) => offset + i);
    await client.batch(
      numbers.map((n) => {
        const status = n % 20 === 0 ? "draft" : n % 20 === 1 ? "scheduled" : "published";
        // A scheduled post is due in the future (else the publishing job would publish it, and mail it).
        const at = status === "scheduled" ? Date.parse("2040-01-01T08:00:00Z") + n * SPACING : START + n * SPACING;
        return {
          sql: "insert into post (blog_id, author_id, category_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          args: [blogId, ownerId, categories[n % categories.length]?.id ?? null, `billet-${n}`, `Billet numéro ${n} sur la formation des adultes`, `Texte du billet ${n}.`, `<p>Texte du billet ${n}, sur ce que les adultes apprennent en formation.</p>`, `Texte du billet ${n}.`, status, at, at, at],
        };
      }),
      "write",
    );
  }
  const postIds = (await client.execute({ sql: "select id from post where blog_id = ? and slug like 'billet-%' order by id", args: [blogId] })).rows.map((row) => Number(row.id));
  const comments = total * 10;
  const existing = from * 10;
  for (let offset = existing; offset < comments; offset += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, comments - offset) }, (_, i) => offset + i);
    await client.batch(
      numbers.map((n) => ({
        sql: "insert into comment (blog_id, post_id, author_name, author_email, body, status, created_at) values (?, ?, ?, ?, ?, ?, ?)",
        args: [blogId, postIds[n % postIds.length] ?? null, `Lecteur ${n}`, `lecteur-${n}@exemple.test`, `La remarque numéro ${n} rejoint ce que je vis en formation d'adultes.`, n % 10 === 0 ? "pending" : n % 10 === 1 ? "spam" : "approved", START + n * 60_000],
      })),
      "write",
    );
  }
}

/** The `count` newest posts of the demo with 200 approved comments each (the demo's own articles, not generated ones). */
async function commentedArticles(client: Client, count: number): Promise<string[]> {
  const { blogId } = await demoBlog(client);
  const rows = await client.execute({ sql: "select id, slug, published_at from post where blog_id = ? and status = 'published' and slug not like 'billet-%' order by published_at desc limit ?", args: [blogId, count] });
  const paths: string[] = [];
  for (const row of rows.rows) {
    const numbers = Array.from({ length: COMMENTS_ON_EACH }, (_, i) => i);
    await client.batch(
      numbers.map((n) => ({
        sql: "insert into comment (blog_id, post_id, author_name, author_email, body, status, created_at) values (?, ?, ?, ?, ?, 'approved', ?)",
        args: [blogId, Number(row.id), `Lectrice ${n}`, `lectrice-${n}@exemple.test`, `Je retiens surtout le point ${n} : il change ma façon de préparer une séance pour des adultes.`, Number(row.published_at) + (n + 1) * 60_000],
      })),
      "write",
    );
    paths.push(String(row.slug));
  }
  return paths;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(url: string, cookie?: string): Promise<number> {
  const started = performance.now();
  // A connection of its own: a kept-alive one can be closed by the server (5 s idle) as it is reused.
  const answer = await httpGet(url, { Connection: "close", ...(cookie ? { Cookie: cookie } : {}) });
  const ms = performance.now() - started;
  if (answer.status !== 200) throw new Error(`${url}: ${answer.status}`);
  return ms;
}

const timing = (times: number[]): Timing => ({ median: Math.round(median(times)), max: Math.round(Math.max(...times)) });

async function measure(carnet: RunningCarnet, measures: Measure[]): Promise<{ measured: Map<string, Timing>; warmUps: Map<string, Timing> }> {
  const origin = `http://${carnet.rootDomain}`;
  const cookie = await sessionCookie(origin, "demo@carnet.test", "carnet-demo-2026");
  const measured = new Map<string, Timing>();
  const warmUps = new Map<string, Timing>();
  const full = (url: string) => (url.startsWith("/admin") ? `${origin}${url}` : `http://formation-continue.${carnet.rootDomain}${url}`);
  for (const m of measures) {
    const warmUpTimes: number[] = [];
    for (const url of m.warmUp) warmUpTimes.push(await timed(full(url), m.cookie ? cookie : undefined));
    if (m.warmUp.length > 1) warmUps.set(m.name, timing(warmUpTimes));
    const times: number[] = [];
    for (const url of m.urls) {
      // Admin pages are rendered per request: measured several times each.
      for (let i = 0; i < (m.times ?? 1); i++) times.push(await timed(full(url), m.cookie ? cookie : undefined));
    }
    measured.set(m.name, timing(times));
  }
  return { measured, warmUps };
}

async function archiveQueryPlan(client: Client): Promise<string> {
  const { blogId } = await demoBlog(client);
  const plan = await client.execute({
    sql: "explain query plan with month_bounds(i, starts, ends) as (values (0, 1, 2), (1, 2, 3)) select month_bounds.i, count(*) from month_bounds join post on post.blog_id = ? and post.status = 'published' and post.published_at >= month_bounds.starts and post.published_at < month_bounds.ends group by month_bounds.i",
    args: [blogId],
  });
  return plan.rows.map((row) => String(row.detail)).join(" / ");
}

/** How an article's approved comments are read (lib/comments/queries.ts, approvedCommentsQuery). */
async function commentsQueryPlan(client: Client): Promise<string> {
  const { blogId } = await demoBlog(client);
  const plan = await client.execute({
    sql: "explain query plan select id, body from comment where blog_id = ? and post_id = ? and status = 'approved' order by created_at, id",
    args: [blogId, 1],
  });
  return plan.rows.map((row) => String(row.detail)).join(" / ");
}

const first = await startCarnet({ distDir: DIST_DIR });
const databaseUrl = first.databaseUrl;
await first.stop();
const client = createClient({ url: databaseUrl });
const slugs = await commentedArticles(client, COMMENTED_POSTS + WARM_UP_ARTICLES);
// A sixth category, which the generated posts fill like the others: it warms the category page up.
{
  const { blogId } = await demoBlog(client);
  await client.execute({ sql: "insert into category (blog_id, slug, name, created_at) values (?, 'lectures', 'Lectures', ?)", args: [blogId, START] });
}
/** An article's address: the demo blog's carry the date in its time zone (Europe/Paris), « 2012/06/24 ». */
async function articlePathOf(slug: string): Promise<string> {
  const row = await client.execute({ sql: "select published_at from post where slug = ?", args: [slug] });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(Number(row.rows[0]?.published_at));
  return `/archives/${day.replaceAll("-", "/")}/${slug}`;
}
const articlePaths = await Promise.all(slugs.map(articlePathOf));
const articleUrls = articlePaths.slice(0, COMMENTED_POSTS);
const articleWarmUps = articlePaths.slice(COMMENTED_POSTS);
const { blogId } = await demoBlog(client);
const categories = await categoryIds(client, blogId);
const measures: Measure[] = [
  { name: `article with ${COMMENTS_ON_EACH} approved comments`, target: "< 50 ms", urls: articleUrls, warmUp: articleWarmUps },
  { name: "blog home (and its pages 2–5)", target: "< 100 ms", urls: ["/", "/page/2", "/page/3", "/page/4", "/page/5"], warmUp: ["/page/6"] },
  { name: "month archive", target: "< 100 ms", urls: ["/archives/2014/01", "/archives/2014/02", "/archives/2014/03", "/archives/2014/04", "/archives/2014/05"], warmUp: ["/archives/2014/06"] },
  { name: "category", target: "< 100 ms", urls: categories.slice(0, 5).map((category) => `/categorie/${category.slug}`), warmUp: ["/categorie/lectures"] },
  { name: "admin post list, page 1 and page 50 (×5)", target: "< 100 ms", urls: ["/admin/formation-continue/articles", "/admin/formation-continue/articles?etat=published&page=50"], warmUp: ["/admin/formation-continue/articles?page=2"], cookie: true, times: 5 },
  { name: "admin comment queue, page 1 and page 50 (×5)", target: "< 100 ms", urls: ["/admin/formation-continue/commentaires", "/admin/formation-continue/commentaires?page=50"], warmUp: ["/admin/formation-continue/commentaires?page=2"], cookie: true, times: 5 },
];

const stages: { posts: number; results: { measured: Map<string, Timing>; warmUps: Map<string, Timing> } }[] = [];
let grown = 0;
const loads: number[] = [];
for (const posts of [1000, 10_000]) {
  await growTo(client, grown, posts);
  grown = posts;
  const carnet = await startCarnet({ distDir: DIST_DIR, command: "serve", databaseUrl });
  try {
    loads.push(loadavg()[0] ?? 0);
    stages.push({ posts, results: await measure(carnet, measures) });
  } finally {
    await carnet.stop();
  }
}
const plan = await archiveQueryPlan(client);
const commentsPlan = await commentsQueryPlan(client);
client.close();

console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${loads.map((l) => l.toFixed(1)).join(", ")} at each stage`);
console.log(`Generated: nine in ten posts published, ten comments a post (8 in 10 approved); first request of each address on a fresh server (cache miss), ms, median / slowest\n`);
console.log(`| page (cache miss) | target | ${stages.map((s) => `${s.posts.toLocaleString("fr-FR")} posts`).join(" | ")} |`);
console.log(`| --- | --- | ${stages.map(() => "---:").join(" | ")} |`);
const cell = (value: Timing | undefined) => `${value?.median} / ${value?.max}`;
for (const m of measures) {
  console.log(`| ${m.name} | ${m.target} | ${stages.map((s) => cell(s.results.measured.get(m.name))).join(" | ")} |`);
  if (m.warmUp.length > 1) console.log(`| … its ${m.warmUp.length} misses before, just after the server started (not measured) | | ${stages.map((s) => cell(s.results.warmUps.get(m.name))).join(" | ")} |`);
}
console.log(`\nArchive counts (sidebar), query plan: ${plan}`);
console.log(`An article's comments, query plan: ${commentsPlan}`);
