import { createClient } from "@libsql/client";
import { httpGet } from "../helpers/http";
import { sessionCookie } from "../helpers/session-cookie";
import type { RunningCarnet } from "../helpers/carnet-server";
import { addDemoPosts } from "./grow-demo";
import { benchUrl, type BenchResult } from "./http-bench";

const POSTS = 10_000;

/** Gives the demo blog 10 000 more posts, then measures the administration's post list on them. */
export async function benchAdminPostList(carnet: RunningCarnet, seconds: number): Promise<BenchResult[]> {
  const client = createClient({ url: carnet.databaseUrl });
  await addDemoPosts(client, POSTS);
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
