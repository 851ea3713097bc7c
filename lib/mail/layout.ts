import type { Language } from "@/lib/db/schema";
import { escapeHtml } from "@/lib/escape-html";
import { mailDomain } from "@/lib/mail/transport";

// The HTML of Carnet's mails to readers (newsletter, replies to a comment): every text put in it is
// escaped, whoever wrote it.

export const paragraph = (text: string) => `<p style="margin:0 0 1em">${escapeHtml(text)}</p>`;

export const button = (href: string, label: string) =>
  `<p style="margin:1.5em 0"><a href="${escapeHtml(href)}" style="background:#8a3b12;color:#fff;padding:.6em 1.2em;border-radius:4px;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a></p>`;

/** A whole mail: `body` and `footer` are HTML already escaped. */
export function htmlDocument(language: Language, body: string, footer: string): string {
  return `<!doctype html><html lang="${language}"><body style="font-family:Georgia,serif;color:#1c1917;max-width:40em;margin:0 auto;padding:1em">${body}<hr style="border:0;border-top:1px solid #d6d3d1;margin:2em 0 1em"><div style="font-size:.85em;color:#57534e">${footer}</div></body></html>`;
}

/**
 * The list headers of a mail one may leave (RFC 2919, RFC 8058): mail programs show an "unsubscribe"
 * button that POSTs to `oneClickUrl` (List-Unsubscribe=One-Click) without opening any page.
 */
export function unsubscribeHeaders(listName: string, oneClickUrl: string): Record<string, string> {
  return {
    "List-Id": `<${listName}.${mailDomain()}>`,
    "List-Unsubscribe": `<${oneClickUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
