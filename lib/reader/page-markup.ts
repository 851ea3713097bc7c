import { AsyncLocalStorage } from "node:async_hooks";
import { PAGE_MARKUP_STORE, type PageMarkupStore } from "./page-markup-key";

// Markup written once into a reader page's HTML, and left out of the page's React payload.
//
// Next 16's App Router sends a page twice: its HTML, and the React Server Components payload that
// hydrates it, inline in the same page. A string of HTML given to dangerouslySetInnerHTML is in both,
// escaped a second time in the payload: an article's 200 comments were 76 KB of HTML, and 92 KB more of
// payload, which every cache miss renders, stores and parses again, and every reader downloads.
//
// npm start's server (lib/cli/serve.mjs) renders a reader's plain page request inside `withPageMarkup`:
// a store of that render's own. A server component sets its markup aside there (`pageMarkup`) and
// hands its client component a key in place of the markup; the server's render of that client component,
// in the same render of the same process, takes it back (`markupSetAside`, lib/reader/page-markup-key.ts)
// and writes it into the HTML. In the browser, the markup is in the page already
// (components/blog/use-page-markup.ts reads it there).
//
// Without that store (under `next start` or on a serverless host, for a server action's answer, for a
// request of the payload alone), the markup goes in the payload, as a prop of the client component.

const shared = globalThis as typeof globalThis & { [PAGE_MARKUP_STORE]?: AsyncLocalStorage<PageMarkupStore> };
// One store for the whole process: this module is loaded by serve.mjs and again by Next's server bundles.
const storage = (shared[PAGE_MARKUP_STORE] ??= new AsyncLocalStorage<PageMarkupStore>());

/** Runs a reader page's render with a store for the markup its HTML alone carries. */
export function withPageMarkup<T>(render: () => T): T {
  return storage.run(new Map(), render);
}

/**
 * The props that give `html` to a client component (components/blog/use-page-markup.ts): the key under which
 * this render's HTML will write it, or the markup itself when there is no such render.
 */
export function pageMarkup(html: string): { html: string } | { markupKey: string } {
  const store = storage.getStore();
  if (!store) return { html };
  const markupKey = String(store.size);
  store.set(markupKey, html);
  return { markupKey };
}
