// `npm run bench:memory`: one Carnet instance (`npm start`, demo data) under the reader load of the
// bench (50 connections, its cached reader pages in turn) for BENCH_MEMORY_MINUTES (10 by default;
// `npm run bench:memory -- --quick` for 2), its resident memory read every ten seconds. The server must
// stay under 300 MB, and its memory after the last minute within 10 % of its memory after the first.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { startCarnet } from "../helpers/carnet-server";
import { httpGet } from "../helpers/http";
import { hasWrk, loadUrl } from "./load";

const MINUTES = process.argv.includes("--quick") ? 2 : Number(process.env.BENCH_MEMORY_MINUTES ?? 10);
const SLICE_SECONDS = 10;
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";

/** The process listening on `port` (the Node server that `npm start` ends up running). */
function listeningPid(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}`);
  return Number(pid);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

const carnet = await startCarnet({ distDir: ".next-bench" });
try {
  const blog = (path: string) => `http://formation-continue.${carnet.rootDomain}${path}`;
  const article = await httpGet(blog(ARTICLE));
  const category = /href="(\/categorie\/[^"/]+)"/.exec(article.body)?.[1] ?? "/";
  const pages = [ARTICLE, "/", "/archives/2012/06", category, "/flux/rss.xml"].map(blog);
  const pid = listeningPid(carnet.port);
  const started = rssMb(pid);
  const samples: { minute: number; rss: number }[] = [];
  let requests = 0;
  const begin = Date.now();
  for (let slice = 0; (Date.now() - begin) / 60_000 < MINUTES; slice++) {
    const result = await loadUrl(pages[slice % pages.length] ?? blog("/"), 50, SLICE_SECONDS);
    requests += result.requestsPerSecond * SLICE_SECONDS;
    samples.push({ minute: (Date.now() - begin) / 60_000, rss: rssMb(pid) });
  }
  const at = (minute: number) => samples.find((s) => s.minute >= minute)?.rss ?? Number.NaN;
  const oneMinute = at(1);
  const last = samples.at(-1)?.rss ?? Number.NaN;
  const peak = Math.max(...samples.map((s) => s.rss));
  const drift = ((last - oneMinute) / oneMinute) * 100;
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)} at the end; ${hasWrk ? "wrk -t2" : "autocannon"} -c50, ${MINUTES} min, about ${Math.round(requests).toLocaleString("en")} requests\n`);
  console.log("| RSS at start (MB) | after 1 min | after " + MINUTES + " min | peak | end vs 1 min |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  console.log(`| ${started.toFixed(0)} | ${oneMinute.toFixed(0)} | ${last.toFixed(0)} | ${peak.toFixed(0)} | ${drift >= 0 ? "+" : ""}${drift.toFixed(1)} % |`);
  console.log(`\nEvery minute: ${samples.filter((_, i) => i % (60 / SLICE_SECONDS) === 0).map((s) => `${s.minute.toFixed(1)} min ${s.rss.toFixed(0)} MB`).join(", ")}`);
  if (peak >= 300 || Math.abs(drift) > 10) process.exitCode = 1;
} finally {
  await carnet.stop();
}
