// `npm run bench`: starts Carnet as an operator would (production build, fresh database with the demo
// blog) and measures the reader pages with autocannon. Numbers go into README.md by hand, with the machine.
import { cpus, totalmem } from "node:os";
import { startCarnet } from "../helpers/carnet-server";
import { httpGet } from "../helpers/http";
import { benchAdminPostList } from "./admin-posts";
import { benchUrl, printTable, type BenchResult } from "./http-bench";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const carnet = await startCarnet({ distDir: ".next-bench" });
const blog = (path: string) => `http://formation-continue.${carnet.rootDomain}${path}`;

try {
  const pages = [
    ["cached article", blog("/archives/2012/06/24/reseaux-sociaux-entreprise-formation")],
    ["blog home", blog("/")],
  ] as const;
  const results: BenchResult[] = [];
  for (const [name, url] of pages) {
    // Warm the cache the way a first reader would.
    await httpGet(url);
    for (const connections of [10, 50]) results.push(await benchUrl(name, url, connections, SECONDS));
  }
  results.push(...(await benchAdminPostList(carnet, SECONDS)));
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per run\n`);
  printTable(results);
} finally {
  await carnet.stop();
}
