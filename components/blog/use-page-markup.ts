import { useState } from "react";
import { markupSetAside } from "@/lib/reader/page-markup-key";

/** Markup for a client component: in its props, or set aside for the page's HTML alone (lib/reader/page-markup.ts). */
export type GivenMarkup = { html: string; markupKey?: undefined } | { html?: undefined; markupKey: string };

/**
 * The markup when the page is first shown: given, or set aside by the server for the page's HTML alone,
 * which the browser then finds in the element of id `id`. Server actions' answers and requests for the
 * payload alone always carry it (`html`). Reader pages have no client-side navigation (their links are
 * plain links), so a payload without the markup only ever hydrates the page whose HTML carries it.
 */
function firstMarkup({ html, markupKey }: GivenMarkup, id: string): string {
  if (html !== undefined) return html;
  if (typeof document !== "undefined") return document.getElementById(id)?.innerHTML ?? "";
  const markup = markupSetAside(markupKey);
  // A page cached without this markup would stay so until its next change: better no page at all.
  if (markup === undefined) throw new Error(`The markup ${markupKey} of #${id} was not set aside for this render`);
  return markup;
}

/** Whether two pieces of markup read the same in the browser, which writes an element's HTML in its own way. */
function sameMarkup(a: string, b: string): boolean {
  const read = (markup: string) => {
    const template = document.createElement("template");
    template.innerHTML = markup;
    return template.innerHTML;
  };
  return a === b || read(a) === read(b);
}

/**
 * The markup of the element of id `id` (for its dangerouslySetInnerHTML), and `onChange` called when a
 * server action's answer brings different markup (the same markup in another action's answer changes
 * nothing, so that React leaves the element's content, and what was added to it, as it is).
 */
export function usePageMarkup(given: GivenMarkup, id: string, onChange?: () => void): string {
  const [shown, setShown] = useState(() => firstMarkup(given, id));
  const [lastGiven, setLastGiven] = useState(given.html);
  if (lastGiven !== given.html) {
    setLastGiven(given.html);
    if (given.html !== undefined && !sameMarkup(given.html, shown)) {
      setShown(given.html);
      onChange?.();
    }
  }
  return shown;
}
