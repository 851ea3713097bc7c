// `npm run bench`, first part: Carnet's cached reader pages against the ceiling, in one run on one
// machine: Carnet as `npm start` serves it (demo data), a bare Next.js app of the same version serving
// the same article HTML as one statically generated page (`next start`), and nginx serving Carnet's
// very bytes from a file (when installed). Only the ratios of one run mean something on a shared machine.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startCarnet, waitUntilServing } from "../helpers/carnet-server";
import { freePort } from "../helpers/free-port";
import { httpGet } from "../helpers/http";
import { hasWrk, loadUrl, type LoadResult } from "./load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [10, 50];
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const NEXT_BIN = join(process.cwd(), "node_modules/next/dist/bin/next");

type Row = { server: string; page: string; connections: number; cpuMsPerRequest: number } & LoadResult;

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** The processes that hold the listening socket of `url`'s port (nginx: its master and worker). */
function serverPids(url: string): number[] {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${new URL(url).port}`], { encoding: "utf8" });
  return [...new Set([...out.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1])))];
}

/** CPU time (user + system, milliseconds) used so far by `pids`, all their threads. */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * One load run, with the server's CPU time per request: on a machine shared with other work, req/s
 * follow what the others do, while the CPU a server spends on one request barely moves.
 */
async function measure(url: string, connections: number, seconds: number): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const pids = serverPids(url);
  const before = cpuMs(pids);
  const result = await loadUrl(url, connections, seconds);
  const requests = result.requestsPerSecond * seconds;
  return { ...result, cpuMsPerRequest: requests > 0 ? Math.round(((cpuMs(pids) - before) / requests) * 100) / 100 : Number.NaN };
}

/** The article's HTML without Next's scripts: what the bare app renders as its one page. */
function articleBody(html: string): { title: string; body: string } {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "Article";
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
  return { title, body: body.replace(/<script[\s\S]*?<\/script>/g, "") };
}

/**
 * A minimal Next.js app (Carnet's own `next`, `react` and `react-dom`: the folder sits inside the
 * repository, so Node finds them in its node_modules) with one statically generated page, built, then
 * started with `next start`.
 */
async function startBareNext(article: { title: string; body: string }): Promise<{ url: string; stop: () => void; html: () => Promise<string> }> {
  const dir = mkdtempSync(join(process.cwd(), ".bench-bare-next-"));
  mkdirSync(join(dir, "app"));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
  writeFileSync(join(dir, "next.config.mjs"), `export default ${JSON.stringify({ poweredByHeader: false, turbopack: { root: process.cwd() }, outputFileTracingRoot: process.cwd() })};\n`);
  writeFileSync(join(dir, "app/article.json"), JSON.stringify(article));
  writeFileSync(
    join(dir, "app/layout.js"),
    `export default function Layout({ children }) {\n  return <html lang="fr"><body>{children}</body></html>;\n}\n`,
  );
  writeFileSync(
    join(dir, "app/page.js"),
    `import article from "./article.json";\nexport const metadata = { title: article.title };\nexport default function Page() {\n  return <div dangerouslySetInnerHTML={{ __html: article.body }} />;\n}\n`,
  );
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync(process.execPath, [NEXT_BIN, "build", dir], { env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`bare Next build failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", dir, "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", log, log] });
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilServing(url, child, logFile, 120_000);
  return {
    url,
    html: async () => (await httpGet(url)).body,
    stop: () => {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx (one worker, as one Node process) serving `bytes` from a file. */
async function startNginx(bytes: string): Promise<{ url: string; stop: () => void } | undefined> {
  if (spawnSync("nginx", ["-v"]).error) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "carnet-nginx-"));
  // Its worker runs as another user (www-data): the folder must be readable.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "article.html"), bytes, { mode: 0o644 });
  const port = await freePort();
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `${name}_temp_path ${join(dir, name)};`).join(" ");
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1; daemon off; pid ${join(dir, "nginx.pid")}; error_log ${join(dir, "error.log")};
events { worker_connections 1024; }
http { access_log off; ${temp}
  server { listen 127.0.0.1:${port}; root ${dir}; default_type "text/html; charset=utf-8"; }
}\n`,
  );
  const child = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/article.html`;
  await waitUntilServing(url, child, join(dir, "error.log"), 20_000);
  return {
    url,
    stop: () => {
      child.kill("SIGQUIT");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "—");

const carnet = await startCarnet({ distDir: ".next-bench" });
const blog = (path: string) => `http://formation-continue.${carnet.rootDomain}${path}`;
const stops: (() => void)[] = [];
try {
  const article = await httpGet(blog(ARTICLE), { Connection: "close" });
  if (article.status !== 200) throw new Error(`article: ${article.status}`);
  const category = /href="(\/categorie\/[^"/]+)"/.exec(article.body)?.[1];
  if (!category) throw new Error("no category link on the article");
  const carnetPages: [string, string][] = [
    ["article", blog(ARTICLE)],
    ["home", blog("/")],
    ["month", blog("/archives/2012/06")],
    ["category", blog(category)],
    ["feed (RSS)", blog("/flux/rss.xml")],
  ];
  const bare = await startBareNext(articleBody(article.body));
  stops.push(bare.stop);
  const nginx = await startNginx(article.body);
  if (nginx) stops.push(nginx.stop);

  const sizes = [`Carnet's article ${Buffer.byteLength(article.body)} bytes`, `bare Next's page ${Buffer.byteLength(await bare.html())} bytes`];
  const rows: Row[] = [];
  // Warm every cache the way a first reader does, then one short untimed run each (JIT).
  for (const [, url] of carnetPages) if ((await httpGet(url, { Connection: "close" })).status !== 200) throw new Error(`${url} is not 200`);
  // The same cached article with a query string: serve.mjs leaves it to Next's whole pipeline and the
  // proxy, the way every reader page went before the reader pages' direct path (the comparison of one run).
  const throughProxy: [string, string, string] = ["Carnet", "article, through the proxy (?via=proxy)", blog(`${ARTICLE}?via=proxy`)];
  const targets: [string, string, string][] = [["bare Next", "article", bare.url], ...carnetPages.map(([page, url]): [string, string, string] => ["Carnet", page, url]), throughProxy, ...(nginx ? [["nginx", "article (file)", nginx.url] as [string, string, string]] : [])];
  for (const [, , url] of targets) await loadUrl(url, 10, 2);
  const loads: number[] = [];
  for (const connections of CONNECTIONS) {
    for (const [server, page, url] of targets) {
      rows.push({ server, page, connections, ...(await measure(url, connections, SECONDS)) });
      loads.push(loadavg()[0] ?? 0);
    }
  }

  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the runs, ${SECONDS} s per run, ${hasWrk ? "wrk -t2" : "autocannon"}; ${sizes.join(", ")}\n`);
  console.log("| server | page | connections | req/s | p50 (ms) | p99 (ms) | × bare Next req/s | p99 ≤ bare Next's | server CPU ms/request | × bare Next CPU | errors | non-2xx |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    const base = rows.find((r) => r.server === "bare Next" && r.connections === row.connections);
    const faster = base ? (row.p99 <= base.p99 ? "yes" : "no") : "—";
    console.log(`| ${row.server} | ${row.page} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50} | ${row.p99} | ${base ? ratio(row.requestsPerSecond, base.requestsPerSecond) : "—"} | ${faster} | ${row.cpuMsPerRequest} | ${base ? ratio(row.cpuMsPerRequest, base.cpuMsPerRequest) : "—"} | ${row.errors} | ${row.non2xx} |`);
  }
  if (rows.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
} finally {
  for (const stop of stops) stop();
  await carnet.stop();
}
