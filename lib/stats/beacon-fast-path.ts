import type { IncomingMessage, ServerResponse } from "node:http";
import { isbot } from "isbot";
import { env } from "@/lib/env";
import { BEACON_PIXEL, blogSlugOfHost, isSpeculativeRequest, MAX_BEACON_BODY, type HeaderReader } from "./beacon";
import { getViewCounter, recordBeacon } from "./record-beacon";
import { findBlogId } from "./view-targets";

// The production server (lib/cli/serve.mjs) answers beacons itself, before Next.js: a page view then
// costs a tenth of what Next's request pipeline costs, which is what lets one server take thousands
// of views a second. What needs Next (revalidating a blog's cached pages once its total moved) is
// handed over to the route handler app/api/beacon, which counts the same way.

/** Whether a request is a page-view beacon (the script's POST or the <noscript> pixel's GET). */
export function isBeaconRequest(request: IncomingMessage): boolean {
  return (request.method === "POST" || request.method === "GET") && request.url === "/api/beacon";
}

function headerReader(request: IncomingMessage): HeaderReader {
  return {
    get(name: string) {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The request's body, or null as soon as it is longer than `max` bytes (the rest is never kept). */
function readBody(request: IncomingMessage, max: number): Promise<string | null> {
  if (Number(request.headers["content-length"] ?? "0") > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        request.off("data", onData);
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Answers a beacon, or hands it to Next.js (`handOver`) when the blog's pages must be revalidated. */
export async function answerBeacon(request: IncomingMessage, response: ServerResponse, handOver: () => Promise<unknown>): Promise<void> {
  const headers = headerReader(request);
  const counter = getViewCounter();
  const userAgent = headers.get("user-agent") ?? "";
  if (userAgent !== "" && !isbot(userAgent) && !isSpeculativeRequest(headers)) {
    const slug = blogSlugOfHost(headers.get("host") ?? "", env.ROOT_DOMAIN);
    const blogId = slug ? await findBlogId(slug) : null;
    if (blogId !== null && counter.refreshDue(blogId)) {
      await handOver();
      return;
    }
  }
  const method = request.method === "POST" ? "POST" : "GET";
  const body = method === "POST" ? await readBody(request, MAX_BEACON_BODY) : "";
  const outcome = await recordBeacon({ method, headers, body }, { counter, canRefresh: false });
  if (outcome.startFlushCycle) {
    counter.runFlushCycle().catch((error: unknown) => console.error("[compteur]", error));
  }
  if (method === "POST") {
    response.writeHead(204, { "Cache-Control": "no-store" });
    response.end();
  } else {
    response.writeHead(200, { "Content-Type": "image/gif", "Content-Length": BEACON_PIXEL.byteLength, "Cache-Control": "no-store" });
    response.end(BEACON_PIXEL);
  }
}

/** Writes the views still in memory (the server is stopping). */
export function drainViewCounter(): Promise<void> {
  return getViewCounter().drain();
}
