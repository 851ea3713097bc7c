import { renderMarkdownSafely } from "@/lib/markdown/render";

/** A post's HTML as the editor would store it; throws when the renderer refuses the text. */
export async function renderedHtml(markdown: string): Promise<string> {
  const rendered = await renderMarkdownSafely(markdown);
  if (!rendered.ok) throw new Error(`Markdown refused: ${rendered.reason}`);
  return rendered.html;
}
