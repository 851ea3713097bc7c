// Worker thread of lib/import/converter.ts: converts one imported body at a time, so that a slow one
// is stopped by its time limit without holding the importing process.
import { parentPort } from "node:worker_threads";
import { excerptFromMarkdown, renderMarkdown } from "../markdown/render";
import { htmlToMarkdown, htmlToPlainText, imageSources } from "./html-to-markdown";
import type { ConversionRequest } from "./converter";

function answer(request: ConversionRequest): unknown {
  switch (request.kind) {
    case "markdown": {
      const markdown = htmlToMarkdown(request.html, { addParagraphs: request.addParagraphs });
      return { markdown, images: imageSources(markdown) };
    }
    case "render":
      return { html: renderMarkdown(request.markdown), excerpt: request.excerptHtml ? htmlToPlainText(request.excerptHtml).slice(0, 500) : excerptFromMarkdown(request.markdown) };
    case "text":
      return htmlToPlainText(request.html);
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
