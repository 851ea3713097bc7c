import { join } from "node:path";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "./nesting";

/** The longest Markdown text rendered at all (the editor's own cap). */
export const MAX_MARKDOWN_LENGTH = 200_000;
/**
 * How long one render may take once a thread has started on it; a text that takes longer is refused
 * and its thread replaced. Generous: a legitimate 160 KB table takes about a second on an idle machine
 * of two cores, and several times that on a busy one. The known costly shapes never get that far: the
 * nesting cap refuses them before parsing.
 */
export const RENDER_TIME_LIMIT_MS = 10_000;
/** How long a text may wait for a free thread (or for the first one to start) before it is given up. */
export const RENDER_QUEUE_LIMIT_MS = 30_000;

export type SafeRender = { ok: true; html: string; excerpt: string } | { ok: false; reason: "too-complex" | "too-large" };

// Markdown parsing costs more than linear time on some texts, and recurses once per level of nesting:
// a blogger's text is rendered on a pool of worker threads, each render under a time limit, so that no
// text ever holds the server's event loop. The worker is a plain .mjs file loaded by Node from its path
// under the project's folder (where `npm start`, `next start`, Vitest and the CLI all run): Next's
// bundler never sees it (next.config.mjs lists it for output tracing), and it imports the unified
// packages from node_modules itself.
const WORKER_FILE = join(process.cwd(), "lib", "markdown", "render-worker.mjs");

type RenderPool = Piscina<{ markdown: string; started: MessagePort }, { html: string; excerpt: string }>;
// One pool per process, even when Next loads this module in more than one of its bundles.
const globalPool = globalThis as unknown as { carnetMarkdownPool?: RenderPool };

function renderPool(): RenderPool {
  globalPool.carnetMarkdownPool ??= new Piscina({
    filename: WORKER_FILE,
    // Two cores: two threads at most, a stuck render never takes more than these. None kept while nobody
    // writes: a thread is a V8 isolate of its own (about 20 MB with the unified packages loaded), started
    // on the first render (its start counts against RENDER_QUEUE_LIMIT_MS, not the time limit) and ended
    // after a minute without one.
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 60_000,
    // The thread runs plain JavaScript: no TypeScript loader inherited from `tsx` (the CLI, npm start).
    execArgv: [],
    // A deep recursion or a huge tree ends that thread (the render is refused), never the server.
    resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 4 },
  });
  return globalPool.carnetMarkdownPool;
}

/**
 * A blogger's Markdown as sanitised HTML (ready to be stored and served as is) and its excerpt, or why
 * it was refused: longer than MAX_MARKDOWN_LENGTH, nested deeper than MAX_MARKDOWN_NESTING, or not
 * rendered within `timeLimitMs` (the editor says « Ce texte est trop complexe à mettre en page »).
 */
export async function renderMarkdownSafely(markdown: string, timeLimitMs = RENDER_TIME_LIMIT_MS): Promise<SafeRender> {
  if (markdown.length > MAX_MARKDOWN_LENGTH) return { ok: false, reason: "too-large" };
  if (markdownNestingDepth(markdown) > MAX_MARKDOWN_NESTING) return { ok: false, reason: "too-complex" };
  // The thread says when it starts on the text: the time limit runs from then, the wait before has its own.
  const abort = new AbortController();
  const { port1: started, port2: startedInWorker } = new MessageChannel();
  started.unref();
  let timer = setTimeout(() => abort.abort(new Error("no thread free in time")), RENDER_QUEUE_LIMIT_MS);
  started.once("message", () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new Error("render over its time limit")), timeLimitMs);
  });
  try {
    const { html, excerpt } = await renderPool().run({ markdown, started: startedInWorker }, { signal: abort.signal, transferList: [startedInWorker] });
    return { ok: true, html, excerpt };
  } catch (error) {
    // Aborted (a running thread is terminated and replaced), or the thread died of the text (stack, memory).
    console.error("[markdown] rendu abandonné :", abort.signal.aborted ? (abort.signal.reason as Error).message : error);
    return { ok: false, reason: "too-complex" };
  } finally {
    clearTimeout(timer);
    started.close();
  }
}
