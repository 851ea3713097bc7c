// The markup that a reader page's server render set aside for its HTML alone (lib/reader/page-markup.ts),
// read by the server's render of a client component. Nothing here imports Node: client components import it.

export type PageMarkupStore = Map<string, string>;

export const PAGE_MARKUP_STORE = Symbol.for("carnet.pageMarkup");

/** On the server, during the render of the page's HTML: the markup set aside under `key`. */
export function markupSetAside(key: string): string | undefined {
  const storage = (globalThis as { [PAGE_MARKUP_STORE]?: { getStore(): PageMarkupStore | undefined } })[PAGE_MARKUP_STORE];
  return storage?.getStore()?.get(key);
}
