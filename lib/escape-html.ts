// Text made safe inside HTML, in an element or in a double-quoted attribute: & < > " ' become entities.
// Every piece of HTML Carnet writes by hand rather than through React (mails, search snippets, the
// approved comments) escapes what it is given through this one function.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}
