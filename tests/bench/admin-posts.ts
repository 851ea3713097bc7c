import { createClient } from "@libsql/client";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session-cookie";
import type { RunningCarnet } from "../helpers/carnet-server";
import { benchUrl, type BenchResult } from "./http-bench";

const POSTS = 10_000;

/** Gives the demo blog 10 000 more posts, then measures the administration's post list on them. */
export async function benchAdminPostList(carnet: RunningCarnet, seconds: number): Promise<BenchResult[]> {
  const client = createClient({ url: carnet.databaseUrl });
  const blog = await client.execute("select id, owner_id from blog where slug = 'formation-continue'");
  const blogId = Number(blog.rows[0]?.id);
  const ownerId = String(blog.rows[0]?.owner_id);
  const statuses = ["published", "draft", "scheduled"];
  const start = Date.parse("2014-01-01T08:00:00Z");
  for (let offset = 0; offset < POSTS; offset += 1000) {
    const rows = Array.from({ length: 1000 }, (_, i) => offset + i);
    await client.batch(
      rows.map((n) => ({
        sql: "insert into post (blog_id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        args: [blogId, ownerId, `billet-${n}`, `Billet numéro ${n} sur la formation des adultes`, `Texte du billet ${n}.`, `<p>Texte du billet ${n}.</p>`, `Texte du billet ${n}.`, statuses[n % 3] ?? "draft", start + n * 3_600_000, start + n * 3_600_000, start + n * 3_600_000],
      })),
      "write",
    );
  }
  client.close();

  const origin = `http://${carnet.rootDomain}`;
  const cookie = await sessionCookie(origin, "demo@carnet.test", "carnet-demo-2026");
  const pages = [
    ["admin list, published, page 100", `${origin}/admin/formation-continue/articles?etat=published&page=100`],
    ["admin list, title search", `${origin}/admin/formation-continue/articles?q=numéro%20999`],
  ] as const;
  const results: BenchResult[] = [];
  for (const [name, url] of pages) {
    const check = await httpGet(url, { Cookie: cookie });
    if (check.status !== 200 || !check.body.includes("Billet numéro")) throw new Error(`${name}: ${check.status}`);
    results.push(await benchUrl(name, url, 10, seconds, { Cookie: cookie }));
  }
  return results;
}
