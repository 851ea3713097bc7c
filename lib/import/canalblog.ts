import { readdir, readFile, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { ImportProblem } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { compareArticlePaths, isCanalblogImage, MAX_CANALBLOG_PAGE_CHARS } from "./canalblog-pages";
import type { HtmlConverter } from "./converter";
import { createBatchWriter, type ImportRun, type ImportTarget } from "./importer";
import { safeFetch, type FetchResult } from "./safe-fetch";
import { ImportSourceError } from "./source-items";

// A Canalblog blog comes in from its public pages: read from the web (its address), or from a saved
// copy of them (a folder, or a zip sent through the administration). Canalblog exports nothing, so this
// is how its bloggers leave. From the web, pages are read one at a time with a pause between two
// (IMPORT_CANALBLOG_DELAY_MS), each through the import's guarded fetch; the months are found on the home
// page and the page of all archives, the articles on each month's archive pages. Every page is parsed
// in the import's worker thread (lib/import/canalblog-pages.ts).

/** The largest page read, in bytes (pages are UTF-8 or Latin-1: at most one character a byte). */
export const MAX_CANALBLOG_PAGE_BYTES = MAX_CANALBLOG_PAGE_CHARS;
/** The most articles one import brings, and the most archive pages read to find them. */
export const MAX_CANALBLOG_ARTICLES = 50_000;
const MAX_ARCHIVE_PAGES = 5_000;
const MAX_ZIP_ENTRIES = 200_000;
/** Articles written to the database together: fewer than a file's batches, each page taking a while to come. */
export const CANALBLOG_BATCH_SIZE = 10;

const ARTICLE_IN_PATH = /(?:^|\/)(archives\/\d{4}\/\d{2}\/\d{2}\/\d+\.html?)$/;

export type ArticleRef = { path: string; url: string; read?: () => Promise<Page> };
type Page = { ok: true; html: string; url: string } | { ok: false; problem: ImportProblem };

export type CanalblogSurvey = { articles: ArticleRef[]; problems: ImportProblem[] };

export type CanalblogSource = {
  /** Finds the article pages, in the order they were written. Throws ImportSourceError when there is no blog there. */
  survey(): Promise<CanalblogSurvey>;
  read(article: ArticleRef): Promise<Page>;
  /** The addresses the blog answered at: their images are the blog's own. */
  origins(): string[];
  close(): Promise<void>;
};

/** The text of an HTML page, in the encoding its server or its <meta> declares. */
export function decodePage(bytes: Uint8Array, contentType = ""): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  const declared = /charset=["']?([A-Za-z0-9._-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([A-Za-z0-9._-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(declared.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

const pageProblem = (key: string, address: string, values: Record<string, string | number> = {}): ImportProblem => ({
  key: `import.problems.page.${key}`,
  values: { address, ...values },
});

/** The path an article had ("/archives/2012/06/24/24567890.html"), from anywhere in a saved copy. */
function articlePathIn(name: string): string | null {
  const match = ARTICLE_IN_PATH.exec(name.split(sep).join("/"));
  return match ? `/${match[1]}` : null;
}

/** A saved copy made by `wget --mirror` keeps the blog's host as its first folder: its pages' address. */
function savedCopyUrl(name: string, path: string): string {
  const before = name.split(sep).join("/").slice(0, -path.length).split("/").filter(Boolean).pop() ?? "";
  const host = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(before) ? before : "blog.canalblog.invalid";
  return `https://${host}${path}`;
}

function sortedArticles(byPath: Map<string, ArticleRef>): ArticleRef[] {
  return [...byPath.values()].sort((a, b) => compareArticlePaths(a.path, b.path)).slice(0, MAX_CANALBLOG_ARTICLES);
}

function fetchProblem(result: Extract<FetchResult, { ok: false }>, address: string): ImportProblem {
  return pageProblem(result.problem, address, { status: result.status ?? 0 });
}

// ---------------------------------------------------------------------------------------------
// From the web
// ---------------------------------------------------------------------------------------------

/** A fetcher that asks one page at a time, `delayMs` after the end of the previous request. */
function politeFetcher(delayMs: number, allowPrivate: boolean | undefined) {
  let lastEnd = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return (address: string): Promise<FetchResult> => {
    const run = async () => {
      const wait = lastEnd + delayMs - Date.now();
      if (lastEnd > 0 && wait > 0) await sleep(wait);
      try {
        return await safeFetch(address, { maxBytes: MAX_CANALBLOG_PAGE_BYTES, allowPrivate, accept: "text/html,application/xhtml+xml" });
      } finally {
        lastEnd = Date.now();
      }
    };
    const result = queue.then(run, run);
    queue = result;
    return result;
  };
}

function siteSource(start: string, converter: HtmlConverter, options: { delayMs: number; allowPrivate?: boolean }): CanalblogSource {
  const fetchPage = politeFetcher(options.delayMs, options.allowPrivate);
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const read = async (address: string): Promise<Page> => {
    const fetched = await fetchPage(address);
    if (!fetched.ok) return { ok: false, problem: fetchProblem(fetched, address) };
    return { ok: true, html: decodePage(fetched.body, fetched.contentType), url: fetched.url };
  };
  const links = async (page: Extract<Page, { ok: true }>) => {
    const found = await converter.canalblogLinks(page.html, page.url);
    return found.ok ? found.output : null;
  };
  const ours = (address: string) => hosts.has(new URL(address).host);

  return {
    async survey() {
      let startUrl: URL;
      try {
        startUrl = new URL(start);
      } catch {
        throw new ImportSourceError("import.errors.badAddress", { address: start });
      }
      const home = await read(startUrl.toString());
      if (!home.ok) throw new ImportSourceError(`import.errors.unreachable`, { address: start, status: home.problem.values?.status ?? 0 });
      for (const url of [startUrl, new URL(home.url)]) {
        hosts.add(url.host);
        origins.add(url.origin);
      }
      const origin = new URL(home.url).origin;
      const homeLinks = await links(home);
      if (!homeLinks?.isCanalblog) throw new ImportSourceError("import.errors.notCanalblog", { address: start });

      const problems: ImportProblem[] = [];
      const articles = new Map<string, ArticleRef>();
      const addArticles = (found: string[]) => {
        for (const address of found.filter(ours)) {
          const path = new URL(address).pathname;
          if (!articles.has(path)) articles.set(path, { path, url: `${origin}${path}` });
        }
      };
      addArticles(homeLinks.articles);
      // The home page shows the last months only; the page of all archives lists every one.
      const pending = [...new Set([...homeLinks.months, ...homeLinks.morePages, `${origin}/archives/index.html`].filter(ours))];
      const seen = new Set<string>();
      let pagesRead = 0;
      while (pending.length > 0 && pagesRead < MAX_ARCHIVE_PAGES && articles.size < MAX_CANALBLOG_ARTICLES) {
        const address = pending.shift() as string;
        const path = new URL(address).pathname;
        if (seen.has(path)) continue;
        seen.add(path);
        pagesRead += 1;
        const page = await read(`${origin}${path}`);
        if (!page.ok) {
          // The page of all archives may not exist: only months missing are worth telling.
          if (!path.startsWith("/archives/index")) problems.push(page.problem);
          continue;
        }
        const found = await links(page);
        if (!found) {
          problems.push(pageProblem("unreadable", page.url));
          continue;
        }
        addArticles(found.articles);
        for (const next of [...found.months, ...found.morePages].filter(ours)) if (!seen.has(new URL(next).pathname)) pending.push(next);
      }
      return { articles: sortedArticles(articles), problems };
    },
    read: (article) => read(article.url),
    origins: () => [...origins],
    close: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// From a saved copy
// ---------------------------------------------------------------------------------------------

function folderSource(folder: string): CanalblogSource {
  const origins = new Set<string>();
  return {
    async survey() {
      let names: string[];
      try {
        names = await readdir(folder, { recursive: true });
      } catch {
        throw new ImportSourceError("import.errors.unreadableCopy");
      }
      const articles = new Map<string, ArticleRef>();
      for (const name of names) {
        const path = articlePathIn(name);
        if (!path || articles.has(path)) continue;
        const url = savedCopyUrl(name, path);
        origins.add(new URL(url).origin);
        const file = join(folder, name);
        articles.set(path, {
          path,
          url,
          read: async () => {
            const size = (await stat(file)).size;
            if (size > MAX_CANALBLOG_PAGE_BYTES) return { ok: false, problem: pageProblem("tooLarge", path) };
            return { ok: true, html: decodePage(await readFile(file)), url };
          },
        });
      }
      return { articles: sortedArticles(articles), problems: [] };
    },
    read: (article) => article.read?.() ?? Promise.resolve({ ok: false, problem: pageProblem("unreadable", article.path) }),
    origins: () => [...origins],
    close: async () => {},
  };
}

async function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer | null> {
  // yauzl checks that an entry inflates to the size it declares: a zip bomb stops at the limit.
  if (entry.uncompressedSize > MAX_CANALBLOG_PAGE_BYTES) return null;
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function zipSource(file: string): CanalblogSource {
  let zip: ZipFile | null = null;
  const origins = new Set<string>();
  return {
    async survey() {
      try {
        zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
      } catch {
        throw new ImportSourceError("import.errors.unreadableCopy");
      }
      const opened = zip;
      if (opened.entryCount > MAX_ZIP_ENTRIES) throw new ImportSourceError("import.errors.unreadableCopy");
      const articles = new Map<string, ArticleRef>();
      await new Promise<void>((resolve, reject) => {
        opened.on("entry", (entry: Entry) => {
          const path = articlePathIn(entry.fileName);
          if (path && !articles.has(path)) {
            const url = savedCopyUrl(entry.fileName, path);
            origins.add(new URL(url).origin);
            articles.set(path, {
              path,
              url,
              read: async () => {
                const bytes = await readEntry(opened, entry).catch(() => undefined);
                if (bytes === null) return { ok: false, problem: pageProblem("tooLarge", path) };
                if (bytes === undefined) return { ok: false, problem: pageProblem("unreadable", path) };
                return { ok: true, html: decodePage(bytes), url };
              },
            });
          }
          opened.readEntry();
        });
        opened.once("end", () => resolve());
        opened.once("error", () => reject(new ImportSourceError("import.errors.unreadableCopy")));
        opened.readEntry();
      });
      return { articles: sortedArticles(articles), problems: [] };
    },
    read: (article) => article.read?.() ?? Promise.resolve({ ok: false, problem: pageProblem("unreadable", article.path) }),
    origins: () => [...origins],
    close: async () => {
      zip?.close();
      zip = null;
    },
  };
}

/** A blog's address as a blogger types it, if it is a web address: « monblog.canalblog.com » gets its https://. */
export function canalblogAddress(typed: string): string | null {
  const trimmed = typed.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname.includes(".") || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** Whether a job's source is a blog's address (read from the web) rather than a saved copy. */
export const isWebAddress = (source: string) => /^https?:\/\//i.test(source);

/** The pages of a Canalblog blog: its address, a folder or a zip of a saved copy. */
export function openCanalblogSource(
  source: string,
  converter: HtmlConverter,
  options: { delayMs?: number; allowPrivate?: boolean } = {},
): CanalblogSource {
  if (isWebAddress(source)) return siteSource(source, converter, { delayMs: options.delayMs ?? env.IMPORT_CANALBLOG_DELAY_MS, allowPrivate: options.allowPrivate });
  return /\.zip$/i.test(source) ? zipSource(source) : folderSource(source);
}

/**
 * Imports the articles a survey found, skipping the `skip` first ones (written by an earlier run of the
 * same job). Only Canalblog's own images are brought into the media; others keep their address.
 */
export async function importCanalblogArticles(
  target: ImportTarget,
  source: CanalblogSource,
  survey: CanalblogSurvey,
  options: { skip?: number; onBatch?: (itemsDone: number) => Promise<void> | void } = {},
): Promise<ImportRun> {
  const skip = options.skip ?? 0;
  const writer = createBatchWriter(
    { ...target, importsImage: (address) => isCanalblogImage(address, source.origins()) },
    // What the survey met is told once, with the first batch of the job.
    { skip, problems: skip === 0 ? survey.problems : [], onBatch: options.onBatch },
  );
  for (const article of survey.articles.slice(skip)) {
    const page = await source.read(article);
    if (!page.ok) writer.add(null, [page.problem]);
    else {
      const parsed = await target.converter.canalblogArticle(page.html, page.url);
      if (!parsed.ok) writer.add(null, [pageProblem(parsed.problem === "tooLong" ? "tooLarge" : "unreadable", article.url)]);
      else if (!parsed.output) writer.add(null, [pageProblem("notArticle", article.url)]);
      else writer.add(parsed.output);
    }
    if (writer.pending().handled >= CANALBLOG_BATCH_SIZE) await writer.flush();
  }
  await writer.flush();
  return writer.run;
}
