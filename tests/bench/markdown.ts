// `npm run bench:markdown`: what a blogger's hostile (or just long) Markdown costs the server, before and
// after lib/markdown/render.ts. « Before » is the pipeline run on the calling thread, as every save did
// (run here on a thread of its own, given up after BEFORE_LIMIT_MS so that the bench ends); « after » is
// renderMarkdownSafely, with the event loop's longest stall while it runs. Also the SVG sniffing and the
// search snippet patterns, old and new. Figures go into tests/bench/RESULTS.md by hand, with the machine.
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { sniffImageFormat } from "@/lib/media/images";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { snippetToHtml } from "@/lib/search/query";

const BEFORE_LIMIT_MS = Number(process.env.BENCH_BEFORE_LIMIT_MS ?? 60_000);
const WORKER_FILE = join(process.cwd(), "lib", "markdown", "render-worker.mjs");

const nestedList = (levels: number) => Array.from({ length: levels }, (_, level) => `${"  ".repeat(level)}- niveau ${level + 1}`).join("\n");
const table = `| Session | Intitulé | Lien |\n| --- | --- | --- |\n${Array.from({ length: 1800 }, (_, index) => `| Session ${index + 1} | Formation **continue** | [inscription](https://example.org/sessions/${index + 1}) |`).join("\n")}`;
const shapes: [string, string][] = [
  ["[ ×16 000, a, ] ×16 000 (32 KB)", `${"[".repeat(16000)}a${"]".repeat(16000)}`],
  ["[ ×20 000, a, ] ×20 000 (40 KB)", `${"[".repeat(20000)}a${"]".repeat(20000)}`],
  ["> ×5 000, a", `${"> ".repeat(5000)}a`],
  ["* ×5 000, a, * ×5 000", `${"*".repeat(5000)}a${"*".repeat(5000)}`],
  ["list nested 200 levels by indentation", nestedList(200)],
  [`table of 1 800 rows (${Math.round(table.length / 1000)} KB)`, table],
];

/** The old way: the whole pipeline on one thread, timed there; null when it had not finished in time. */
function renderOnOneThread(markdown: string): Promise<{ ms: number; outcome: string } | null> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(${JSON.stringify(WORKER_FILE)}).then(({ renderMarkdownInThisThread }) => {
      const started = performance.now();
      let outcome = "rendered";
      try { renderMarkdownInThisThread(workerData); } catch (error) { outcome = error instanceof RangeError ? "stack overflow (500)" : String(error); }
      parentPort.postMessage({ ms: performance.now() - started, outcome });
    });`;
  const worker = new Worker(code, { eval: true, workerData: markdown });
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(null)), BEFORE_LIMIT_MS);
    worker.once("message", (result: { ms: number; outcome: string }) => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(result));
    });
  });
}

async function renderSafelyMeasured(markdown: string) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await renderMarkdownSafely(markdown);
  const ms = performance.now() - started;
  delay.disable();
  return { ms, outcome: result.ok ? "rendered" : `refused: ${result.reason}`, loopStallMs: delay.max / 1e6 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg().map((load) => load.toFixed(1)).join(" ")}, Node ${process.version}`);

// The pool's first thread starts before the clock does, as it does at server start.
await renderMarkdownSafely("échauffement");
console.log("\n| text | before: on the event loop | after: renderMarkdownSafely | event loop's longest stall, after |");
console.log("| --- | --- | --- | --- |");
for (const [name, markdown] of shapes) {
  const before = await renderOnOneThread(markdown);
  const after = await renderSafelyMeasured(markdown);
  const beforeText = before ? `${seconds(before.ms)}, ${before.outcome}` : `> ${seconds(BEFORE_LIMIT_MS)} (given up)`;
  console.log(`| ${name} | ${beforeText} | ${seconds(after.ms)}, ${after.outcome} | ${after.loopStallMs.toFixed(0)} ms |`);
}

const OLD_SVG = /^[\s\ufeff]*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/;
console.log("\n| upload | before: former regular expression | after: sniffImageFormat |");
console.log("| --- | --- | --- |");
for (const repeats of [16, 18, 20, 22, 40, 10_000]) {
  const bytes = "<!---->".repeat(repeats);
  let before = "not run (hours)";
  if (repeats <= 22) {
    const started = performance.now();
    OLD_SVG.test(bytes);
    before = `${(performance.now() - started).toFixed(0)} ms`;
  }
  const started = performance.now();
  sniffImageFormat(Buffer.from(bytes));
  console.log(`| <!----> ×${repeats} (${bytes.length} bytes) | ${before} | ${(performance.now() - started).toFixed(1)} ms |`);
}

const oldSnippetPlain = (text: string) => text.replace(/!?\[([^\]]*)\]\([^)]*\)?/g, "$1").replace(/\]\([^)]*\)/g, "");
console.log("\n| search snippet | before: former patterns | after: snippetToHtml |");
console.log("| --- | --- | --- |");
for (const [name, run] of [["[ ×20 000", "[".repeat(20_000)], ["]( ×20 000", "](".repeat(20_000)]] as const) {
  let started = performance.now();
  oldSnippetPlain(`mot ${run} mot`);
  const before = performance.now() - started;
  started = performance.now();
  snippetToHtml(`mot ${run} mot`);
  console.log(`| ${name} | ${seconds(before)} | ${seconds(performance.now() - started)} |`);
}
