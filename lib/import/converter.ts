import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CanalblogLinks } from "./canalblog-pages";
import { MAX_CANALBLOG_PAGE_CHARS } from "./canalblog-pages";
import { MAX_IMPORTED_HTML_CHARS } from "./html-to-markdown";
import type { SourcePost } from "./source-items";

// Imported HTML is converted in a worker thread with a time limit per body: a hostile body that makes
// the conversion crawl ends the worker (a new one takes the next body) and is reported, nothing else waits.

export const CONVERSION_TIME_LIMIT_MS = 5_000;

// The worker's heap is kept small: V8 otherwise lets it grow long before collecting, and an import of a
// large file would hold hundreds of megabytes for nothing. A body that needs more ends the worker and is
// reported, as a slow one is.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };
// A whole Canalblog page (its sidebars, every comment) is read in more time than one post's body.
const PAGE_TIME_FACTOR = 3;

export type ConversionProblem = "tooLong" | "timeout" | "failed";
export type Conversion<T> = { ok: true; output: T } | { ok: false; problem: ConversionProblem };

export type ConversionRequest =
  | { kind: "markdown"; html: string; addParagraphs: boolean }
  | { kind: "render"; markdown: string; excerptHtml: string }
  | { kind: "text"; html: string }
  | { kind: "canalblogLinks"; html: string; url: string }
  | { kind: "canalblogArticle"; html: string; url: string };

type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

export type HtmlConverter = {
  /** Markdown of an HTML body, with the addresses of its images. */
  toMarkdown(html: string, options?: { addParagraphs?: boolean }): Promise<Conversion<{ markdown: string; images: string[] }>>;
  /** A post's stored HTML and excerpt, by Carnet's renderer. */
  render(markdown: string, excerptHtml: string): Promise<Conversion<{ html: string; excerpt: string }>>;
  /** The text of an HTML comment. */
  toText(html: string): Promise<Conversion<string>>;
  /** The archive and article addresses a Canalblog page links to. */
  canalblogLinks(html: string, url: string): Promise<Conversion<CanalblogLinks>>;
  /** A Canalblog article page as a post to import (null: the page holds no article). */
  canalblogArticle(html: string, url: string): Promise<Conversion<SourcePost | null>>;
  close(): Promise<void>;
};

/** A converter owning one worker thread; close it when the import ends. */
export function createHtmlConverter(timeLimitMs = CONVERSION_TIME_LIMIT_MS): HtmlConverter {
  let worker: Promise<Worker> | null = null;
  let nextId = 0;
  // One body at a time: requests wait in this chain.
  let queue: Promise<unknown> = Promise.resolve();

  // The time limit counts from when the worker is ready: loading it is not the body's fault.
  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      // The worker is TypeScript run by tsx, from the project's folder (the server's bundle does not hold it).
      const created = new Worker(join(/* turbopackIgnore: true */ process.cwd(), "lib/import/convert-worker.mjs"), { resourceLimits: WORKER_LIMITS });
      created.unref();
      created.once("message", () => resolve(created));
      created.once("error", reject);
    });

  const convert = <T>(request: ConversionRequest): Promise<Conversion<T>> => {
    const size = request.kind === "render" ? request.markdown.length + request.excerptHtml.length : request.html.length;
    const isPage = request.kind === "canalblogLinks" || request.kind === "canalblogArticle";
    const limit = isPage ? MAX_CANALBLOG_PAGE_CHARS : MAX_IMPORTED_HTML_CHARS;
    if (size > limit) return Promise.resolve({ ok: false, problem: "tooLong" });
    const run = () =>
      new Promise<Conversion<T>>((resolve, reject) => {
        (worker ??= start()).then((current) => send(current, resolve), reject);
      });
    const send = (current: Worker, resolve: (conversion: Conversion<T>) => void) => {
      const id = (nextId += 1);
      const finish = (conversion: Conversion<T>) => {
        clearTimeout(timer);
        current.off("message", onMessage);
        current.off("error", onError);
        resolve(conversion);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        finish(reply.ok ? { ok: true, output: reply.output as T } : { ok: false, problem: /too long/.test(reply.error) ? "tooLong" : "failed" });
      };
      const onError = () => {
        worker = null;
        finish({ ok: false, problem: "failed" });
      };
      const timer = setTimeout(() => {
        worker = null;
        void current.terminate();
        finish({ ok: false, problem: "timeout" });
      }, isPage ? timeLimitMs * PAGE_TIME_FACTOR : timeLimitMs);
      current.on("message", onMessage);
      current.on("error", onError);
      current.postMessage({ id, request });
    };
    const result = queue.then(run, run);
    queue = result;
    return result;
  };

  return {
    toMarkdown: (html, options) => convert({ kind: "markdown", html, addParagraphs: options?.addParagraphs ?? false }),
    render: (markdown, excerptHtml) => convert({ kind: "render", markdown, excerptHtml }),
    toText: (html) => convert({ kind: "text", html }),
    canalblogLinks: (html, url) => convert({ kind: "canalblogLinks", html, url }),
    canalblogArticle: (html, url) => convert({ kind: "canalblogArticle", html, url }),
    async close() {
      await queue;
      await (await worker?.catch(() => null))?.terminate();
      worker = null;
    },
  };
}
