// Worker thread of lib/import/converter.ts: converts one imported body at a time, so that a slow one
// is stopped by its time limit without holding the importing process.
import { parentPort } from "node:worker_threads";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "../markdown/nesting";
import { renderMarkdownInThisThread } from "../markdown/render-worker.mjs";
import { readCanalblogArticle, readCanalblogLinks } from "./canalblog-pages";
import { htmlToMarkdown, htmlToPlainText, imageSources } from "./html-to-markdown";
import type { ConversionRequest } from "./converter";

function answer(request: ConversionRequest): unknown {
  switch (request.kind) {
    case "markdown": {
      const markdown = htmlToMarkdown(request.html, { addParagraphs: request.addParagraphs });
      return { markdown, images: imageSources(markdown) };
    }
    case "render": {
      // This thread is already under the importer's time limit; the nesting cap still keeps the parser's
      // recursion within its stack, as for any post.
      if (markdownNestingDepth(request.markdown) > MAX_MARKDOWN_NESTING) throw new Error("texte trop imbriqué pour être mis en page");
      const rendered = renderMarkdownInThisThread(request.markdown);
      return { html: rendered.html, excerpt: request.excerptHtml ? htmlToPlainText(request.excerptHtml).slice(0, 500) : rendered.excerpt };
    }
    case "text":
      return htmlToPlainText(request.html);
    case "canalblogLinks":
      return readCanalblogLinks(request.html, request.url);
    case "canalblogArticle":
      return readCanalblogArticle(request.html, request.url);
  }
}

parentPort?.on("message", ({ id, request }: { id: number; request: ConversionRequest }) => {
  try {
    parentPort?.postMessage({ id, ok: true, output: answer(request) });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, error: (error as Error).message });
  }
});

parentPort?.postMessage({ ready: true });
