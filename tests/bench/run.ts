// `npm run bench`: starts Carnet as an operator would (production build, fresh database with the demo
// blog) and measures the reader pages, the search page and the view beacon with autocannon. Numbers go
// into README.md by hand, with the machine.
import { createClient } from "@libsql/client";
import { cpus, totalmem } from "node:os";
import { startCarnet } from "../helpers/carnet-server";
import { httpGet } from "../helpers/http";
import { benchAdminPostList } from "./admin-posts";
import { benchBeacons, type BeaconBenchResult } from "./beacon-bench";
import { benchUrl, printTable, type BenchResult } from "./http-bench";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BEACONS = Number(process.env.BENCH_BEACONS ?? 40_000);
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
// As behind one proxy: each beacon's X-Forwarded-For is a different reader.
const carnet = await startCarnet({ distDir: ".next-bench", env: { TRUST_PROXY_HOPS: "1" } });
const blog = (path: string) => `http://formation-continue.${carnet.rootDomain}${path}`;
const database = createClient({ url: carnet.databaseUrl });
const viewTotal = async () =>
  Number((await database.execute("select views from blog_view_total where blog_id = (select id from blog where slug = 'formation-continue')")).rows[0]?.[0] ?? 0);
const beaconResults: (BeaconBenchResult & { counted: number })[] = [];
let stopped = false;

try {
  const pages = [
    ["cached article", blog(ARTICLE)],
    ["blog home", blog("/")],
    ["search « reseaux sociaux »", blog("/recherche?q=reseaux+sociaux")],
    ["search « formation », page 2", blog("/recherche?q=formation&page=2")],
  ] as const;
  const results: BenchResult[] = [];
  for (const [name, url] of pages) {
    // Warm the cache the way a first reader would.
    await httpGet(url);
    for (const connections of [10, 50]) results.push(await benchUrl(name, url, connections, SECONDS));
  }
  results.push(...(await benchAdminPostList(carnet, SECONDS)));

  // Beacons: every one a new reader, so every one must be counted. The database must show exactly the
  // beacons answered, once written (every 5 s, and when the server stops).
  for (const connections of [50, 100]) {
    const before = await viewTotal();
    const result = await benchBeacons(blog("/"), ARTICLE, connections, BEACONS);
    const isLast = connections === 100;
    if (isLast) {
      // The last run's views are still partly in memory: stopping the server must write them.
      await carnet.stop();
      stopped = true;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 7000));
    }
    beaconResults.push({ ...result, counted: (await viewTotal()) - before });
  }

  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per page run\n`);
  printTable(results);
  console.log("\n| beacons | connections | hits/s | p50 (ms) | p99 (ms) | errors | non-2xx | counted in the database |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of beaconResults) {
    console.log(`| ${r.sent} | ${r.connections} | ${r.hitsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.counted}${r.counted === r.sent ? " (all)" : " (MISMATCH)"} |`);
  }
  if (beaconResults.some((r) => r.counted !== r.sent || r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
} finally {
  if (!stopped) await carnet.stop();
  database.close();
}
