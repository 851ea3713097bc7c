// Types of the render worker's exports, for the TypeScript code that runs it in a thread of its own
// (the importer's conversion worker).
export const ID_PREFIX: string;
export function renderMarkdownInThisThread(markdown: string): { html: string; excerpt: string };
