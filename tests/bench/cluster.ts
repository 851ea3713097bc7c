// `npm run bench:cluster`: the reference topology of several instances (scripts/cluster.ts) measured
// through nginx: anonymous article req/s and p99 against nginx serving the same bytes from a file (same
// run), comment submissions per second with three instances against one, and the sidebar's lag (a view
// counted → its total shown to readers). Figures go into tests/bench/RESULTS.md by hand, with the machine.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { buildCarnet, isBuildCurrent } from "../../lib/cli/build";
import { startCluster, startNginx } from "../../scripts/cluster";
import { launchChromium } from "../helpers/browser";
import { freePort } from "../helpers/free-port";
import { formFields, postForm } from "../helpers/form-replay";
import { httpGet } from "../helpers/http";
import { benchUrl, printTable } from "./http-bench";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COMMENT_SECONDS = Number(process.env.BENCH_COMMENT_SECONDS ?? 10);
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const distDir = process.env.NEXT_DIST_DIR ?? ".next-bench";
if (!isBuildCurrent(distDir)) await buildCarnet(distDir, { NEXT_TELEMETRY_DISABLED: "1" });

// TRUST_PROXY_HOPS=2: as behind a CDN in front of nginx, so that each comment is from a reader of its own.
const cluster = await startCluster({ distDir, env: { TRUST_PROXY_HOPS: "2" } });
const host = `formation-continue.${cluster.rootDomain}`;
const lines: string[] = [];
try {
  // 1. The cached article through nginx, against nginx sending the same bytes from a file.
  const article = await httpGet(`http://${host}${ARTICLE}`);
  const staticDir = join(cluster.workDir, "statique");
  mkdirSync(join(staticDir, "www"), { recursive: true });
  writeFileSync(join(staticDir, "www", "article.html"), article.body);
  writeFileSync(join(staticDir, "www", "healthz"), "ok");
  const staticPort = await freePort();
  const staticNginx = await startNginx(
    staticDir,
    `worker_processes 1; pid ${staticDir}/nginx.pid; error_log ${staticDir}/error.log warn; daemon off;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path ${staticDir}/cb; proxy_temp_path ${staticDir}/p; fastcgi_temp_path ${staticDir}/f; uwsgi_temp_path ${staticDir}/u; scgi_temp_path ${staticDir}/s;
  server { listen 127.0.0.1:${staticPort}; location / { root ${staticDir}/www; default_type text/html; } } }`,
    staticPort,
  );
  const results = [];
  for (const connections of [10, 50]) {
    results.push(await benchUrl("article through nginx (micro-cache, 3 instances)", `http://${host}${ARTICLE}`, connections, SECONDS));
    results.push(await benchUrl("same bytes from a file (nginx)", `http://127.0.0.1:${staticPort}/article.html`, connections, SECONDS));
  }
  results.push(await benchUrl("article, signed-in cookie (no micro-cache)", `http://${host}${ARTICLE}`, 10, SECONDS, { cookie: "authjs.session-token=x" }));
  await staticNginx.stop();

  // 2. Comment submissions through nginx: three instances, then one (the two others stopped).
  const browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`http://${host}${ARTICLE}`);
  const fields = (await formFields(page, "#commentaire-formulaire form", "Publier le commentaire")).filter(([name]) => !["name", "email", "body"].includes(name));
  await browser.close();
  let reader = 0;
  const commentsPerSecond = async (): Promise<{ perSecond: number; failed: number }> => {
    let ok = 0;
    let failed = 0;
    const until = Date.now() + COMMENT_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < until) {
          reader += 1;
          const answer = await postForm(
            cluster.nginxPort,
            host,
            ARTICLE,
            [...fields, ["name", "Banc d'essai"], ["email", `lecteur-${reader}@exemple.org`], ["body", `Commentaire de mesure numéro ${reader}.`]],
            { "User-Agent": PERSON, "X-Forwarded-For": `10.${(reader >> 16) & 255}.${(reader >> 8) & 255}.${reader & 255}` },
          ).catch(() => null);
          if (answer?.status === 200 && answer.body.includes("Votre commentaire a bien été reçu")) ok += 1;
          else failed += 1;
        }
      }),
    );
    return { perSecond: Math.round((ok / COMMENT_SECONDS) * 10) / 10, failed };
  };
  const withThree = await commentsPerSecond();
  for (const instance of cluster.instances.slice(1)) await instance.stop();
  const withOne = await commentsPerSecond();
  for (const instance of cluster.instances.slice(1)) await instance.start();

  // 3. The sidebar's lag: new readers' views, then the time until readers see the new total through
  // nginx, while the blog keeps receiving views of readers already counted (a blog's ordinary traffic).
  const visitorTotal = async () => Number((await httpGet(`http://${host}/`)).body.match(/data-testid="visitor-total"[^>]*>([^<]*)</)?.[1]?.replace(/\D/g, ""));
  const beacon = (port: number, from: string) =>
    new Promise<void>((resolve) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/beacon", method: "POST", headers: { host, origin: `http://${host}`, "user-agent": PERSON, "x-forwarded-for": from, "content-type": "text/plain;charset=UTF-8" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve());
        },
      );
      req.on("error", () => resolve());
      req.end(JSON.stringify({ p: ARTICLE, r: "" }));
    });
  const before = await visitorTotal();
  const sentAt = Date.now();
  for (let index = 0; index < 50; index += 1) await beacon(cluster.instances[index % 3]!.port, `192.0.2.${index + 1}`);
  let lagMs = -1;
  while (Date.now() - sentAt < 180_000) {
    for (const instance of cluster.instances) await beacon(instance.port, "192.0.2.1");
    if ((await visitorTotal()) >= before + 50) {
      lagMs = Date.now() - sentAt;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per run`);
  console.log(`\n${lines[0]}\n`);
  printTable(results);
  console.log("\n| comment submissions through nginx | accepted/s | failed |");
  console.log("| --- | ---: | ---: |");
  console.log(`| three instances | ${withThree.perSecond} | ${withThree.failed} |`);
  console.log(`| one instance | ${withOne.perSecond} | ${withOne.failed} |`);
  console.log(`\nSidebar lag (50 new readers → total shown through nginx): ${lagMs < 0 ? "not within 180 s" : `${(lagMs / 1000).toFixed(1)} s`}`);
} finally {
  await cluster.stop();
}
