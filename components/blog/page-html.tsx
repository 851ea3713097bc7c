"use client";

import { usePageMarkup, type GivenMarkup } from "./use-page-markup";

/** A block of HTML written into the page once, out of its React payload where the server allows it (lib/reader/page-markup.ts). */
export function PageHtml({ id, className, ...given }: { id: string; className?: string } & GivenMarkup) {
  const markup = usePageMarkup(given, id);
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: markup }} />;
}
