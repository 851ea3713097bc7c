// `npm run serve`, and the last step of `npm start`: serves an existing build, changing nothing.
// Next.js behind a plain Node HTTP server that answers, before Next's request pipeline, what needs
// none of it: /healthz, /readyz, and the page-view beacon (lib/stats/beacon-fast-path.ts: a beacon then
// costs a tenth of a Next route). It logs one JSON line per request (pino) under a request id, echoed
// in X-Request-Id. Everything else is Next's, as under `next start`.
//
// Plain JavaScript on purpose: Next's server must not run under a TypeScript loader (every require
// would pay for it); only our modules are loaded through tsx, in their own scope. Through tsx's CommonJS
// require (compiled in this thread, never registered for Next's requires) rather than tsImport, whose
// module hooks run in a thread of their own on Node 20: one V8 isolate less, about 20 MB at start
// (tests/bench/RESULTS.md « Memory »). What it loads (lib/cli/server-kit.ts and its imports, lib/log.ts,
// lib/client-id.ts) must then have no top-level await and no import() of our TypeScript.
import { hash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import v8 from "node:v8";
import { require as tsRequire } from "tsx/cjs/api";

// Under the reader load V8 lets the old generation grow far past what is alive before collecting it (a
// growing factor of up to 4 on a machine with memory to spare), filled with the garbage of requests that
// outlived a few young collections: a growing factor of 1.3 keeps the instance about 30 MB lower at its
// peak for the same CPU time per request (tests/bench/RESULTS.md « Memory »). V8 reads it at each
// collection, so setting it here, before anything is loaded, covers every way of starting this server.
v8.setFlagsFromString("--heap-growing-percent=30");

process.env.NODE_ENV = "production";
const port = Number(process.env.PORT ?? "3000");
// Next's own timers and jobs read the port from here, as under `next start`.
process.env.PORT = String(port);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
// Milliseconds between /readyz turning 503 on SIGTERM and the server closing: time for a load balancer to notice.
const shutdownDelayMs = Number(process.env.SHUTDOWN_DELAY_MS ?? "0");

const { logger } = tsRequire("../log.ts", import.meta.url);

let kit;
try {
  // Checks the configuration on import (a bad variable is named in the message).
  kit = tsRequire("./server-kit.ts", import.meta.url);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const { answerBeacon, isBeaconRequest, drainViewCounter, checkReadiness, readinessResponse, reasonNotToServe, requestIdOf, plainPlatformPath, plainReaderPagePath, publicAddress, securityHeadersFor, NOT_FOUND_PAGE_HEADER } = kit;

const refusal = await reasonNotToServe(distDir);
if (refusal) {
  logger.fatal(refusal);
  process.exit(1);
}

const { default: next } = await import("next");

const { CLIENT_ADDRESS_HEADER, socketClientAddress, trustedProxyHops } = tsRequire("../client-id.ts", import.meta.url);
const { withPageMarkup } = tsRequire("../reader/page-markup.ts", import.meta.url);
// Route handlers and actions never see the socket: this server writes the client's address into a header
// of its own, over any copy the client sent, and lib/client-id.ts trusts that header in this process only.
if (process.env.CLIENT_ADDRESS_HEADER && process.env.CLIENT_ADDRESS_HEADER.toLowerCase() !== CLIENT_ADDRESS_HEADER) {
  logger.warn(`CLIENT_ADDRESS_HEADER est ignoré par npm start : l'adresse vient de la connexion (et de TRUST_PROXY_HOPS).`);
}
process.env.CLIENT_ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
const proxyHops = trustedProxyHops();

// tsx turns Node's source maps on for the whole process (for our TypeScript's stack traces). Left on,
// Node would also read and keep in memory the source map of every chunk of Next's build that it loads
// (about 85 MB of the instance, tests/bench/RESULTS.md « Memory »): off before Next loads anything, as
// under `next start`. Our modules above keep theirs.
process.setSourceMapsEnabled(false);
const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

// Reader pages, handed to Next's page server as Next's router hands it a request that the proxy rewrote
// (next/dist/server/lib/router-server.js, Next 16.4.6: request metadata, Next's internal request headers
// dropped, compression), with the headers the proxy sets (the address is the process's, read once).
const require = createRequire(import.meta.url);
const { addRequestMeta } = require("next/dist/server/request-meta");
const { filterInternalHeaders } = require("next/dist/server/lib/server-ipc/utils");
const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream");
const compress = require("next/dist/compiled/compression")();
const { isDynamicRoute } = require("next/dist/shared/lib/router/utils");
const isFresh = require("next/dist/compiled/fresh");
const { getRouteMatcher } = require("next/dist/shared/lib/router/utils/route-matcher");
const { getRouteRegex } = require("next/dist/shared/lib/router/utils/route-regex");
const renderPage = app.server.getRequestHandler();
const pageServer = await app.server.getServer();
const address = publicAddress();

// The route of an internal address, as Next's page server finds it (getRouteMatch: exact routes first,
// then the dynamic ones by specificity) but from a table built once: a request that comes without
// router-server's match makes Next 16.4.6 rebuild and sort every route and its regular expression
// (a sixth of a cached page's time, with Carnet's eighty routes).
const routeDefinitions = pageServer.getRouteDefinitions();
const exactRoutes = new Map();
for (const definition of routeDefinitions) {
  if (!isDynamicRoute(definition.pathname) && !exactRoutes.has(definition.pathname)) exactRoutes.set(definition.pathname, definition);
}
const dynamicRoutes = pageServer
  .getSortedRouteDefinitions(routeDefinitions.filter((definition) => isDynamicRoute(definition.pathname)))
  .map((definition) => ({ definition, match: getRouteMatcher(getRouteRegex(definition.pathname)) }));

function routeMatch(pathname) {
  const exact = exactRoutes.get(pathname);
  if (exact) return { definition: exact, params: undefined };
  for (const { definition, match } of dynamicRoutes) {
    const params = match(pathname);
    if (params) return { definition, params };
  }
  return undefined;
}
const readerPageHeaders = securityHeadersFor(address).staticPage;
const CATCH_ALL = "/[blog]/[...rest]";
const catchAll = routeDefinitions.find((definition) => definition.pathname === CATCH_ALL);

// The page that a plain reader request goes to, or undefined. The blog's catch-all (old addresses
// redirected, its 404) leaves the public files (/static/…) to Next's whole pipeline, which serves them.
function readerPageRoute(pathname) {
  const match = routeMatch(pathname);
  if (!match) return undefined;
  return match.definition.pathname === CATCH_ALL && match.params.rest[0] === "static" ? undefined : match;
}

// An address of the platform's host that none of its pages has falls to a blog's route (the first segment
// taken for a blog that cannot exist there) and to its 404: served like a blog's, so that it is readable
// without JavaScript too.
function unknownPlatformPage(pathname) {
  if (pathname.startsWith("/static/")) return undefined;
  const match = readerPageRoute(pathname);
  return match?.definition.pathname.startsWith("/[blog]") ? match : undefined;
}

function serveReaderPage(request, response, pathname, match) {
  filterInternalHeaders(request.headers);
  for (const [name, value] of readerPageHeaders) response.setHeader(name, value);
  compress(request, response, () => {});
  response.once("close", () => {
    if (!response.writableFinished) releaseCompressionStream(response);
  });
  watchAnswer(request, response, () => {
    // The blog's 404 page, from the catch-all, sent with the 404's status (lib/reader/not-found-page.ts),
    // with none of the headers Next had set for the empty one.
    const requestId = response.getHeader("X-Request-Id");
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    response.setHeader("X-Request-Id", requestId);
    for (const [name, value] of readerPageHeaders) response.setHeader(name, value);
    request.headers[NOT_FOUND_PAGE_HEADER] = "1";
    request[Symbol.for("NextInternalRequestMeta")] = {};
    const blog = match.params?.blog ?? pathname.split("/")[1];
    keepStatus(response, 404);
    return renderReaderPage(request, response, `/${blog}/introuvable`, { definition: catchAll, params: { blog, rest: ["introuvable"] } });
  });
  return renderReaderPage(request, response, pathname, match);
}

function renderReaderPage(request, response, pathname, match) {
  request.url = pathname;
  addRequestMeta(request, "relativeProjectDir", "");
  addRequestMeta(request, "invokePath", pathname);
  addRequestMeta(request, "invokeQuery", {});
  addRequestMeta(request, "middlewareInvoke", false);
  addRequestMeta(request, "match", match);
  // The markup that the page's HTML alone carries, out of its React payload (lib/reader/page-markup.ts).
  return withPageMarkup(() => renderPage(request, response));
}

// The ways Next starts or ends an answer on a Node response (next/dist/server/send-payload.js and
// pipe-readable.js, Next 16.4.6), above the compression's own.
const SENDING = ["flushHeaders", "writeHead", "write", "end"];

/** Calls `first` at the first of the response's sending calls; the call then goes through, unless it says no. */
function atFirstSend(response, first) {
  const own = Object.fromEntries(SENDING.map((name) => [name, response[name]]));
  for (const name of SENDING) {
    response[name] = function (...args) {
      Object.assign(response, own);
      return first(name, args) ? response[name](...args) : response;
    };
  }
  return own;
}

/** The response goes out with this status, whatever the page's render sets. */
function keepStatus(response, status) {
  atFirstSend(response, (name, args) => {
    response.statusCode = status;
    if (name === "writeHead") args[0] = status;
    return true;
  });
}

/**
 * What this server does with a reader page's answer when Next starts to send it:
 * - a 404: Next 16.4.6 answers a notFound() of a blog's page with an empty shell that only JavaScript
 *   fills (lib/reader/not-found-page.ts). Nothing of it is sent: its writes are swallowed and, once Next
 *   ends it, `renderNotFound` writes the blog's 404 page;
 * - a page sent whole (a cached page: one `end` with all of its HTML): its ETag, and a 304 without the page
 *   when the reader's copy has the same. Next's own (`generateEtags`, off in next.config.mjs) is a 64-bit
 *   FNV-1a written in JavaScript over every character of the page: measured at a third of the server's CPU
 *   time on a cached article; SHA-1 in Node's native code, 4 % (tests/bench/RESULTS.md).
 */
function watchAnswer(request, response, renderNotFound) {
  const own = atFirstSend(response, (name, args) => {
    const status = name === "writeHead" ? args[0] : response.statusCode;
    if (status === 200 && name === "end" && args[0] != null) {
      tagWithEtag(request, response, args);
      return true;
    }
    if (status !== 404 || response.headersSent) return true;
    const ended = () => {
      Object.assign(response, own);
      renderNotFound().catch((error) => fail(response, error, response.getHeader("X-Request-Id")));
      return response;
    };
    if (name === "end") ended();
    else Object.assign(response, { write: () => true, flushHeaders: () => {}, writeHead: () => response, end: ended });
    return false;
  });
}

/** The ETag of a whole page's `end(body)`, and a 304 without the body for a reader who has it (as Next would). */
function tagWithEtag(request, response, args) {
  const etag = `"${hash("sha1", args[0], "base64url")}"`;
  response.setHeader("ETag", etag);
  if (!isFresh(request.headers, { etag })) return;
  response.statusCode = 304;
  response.removeHeader("Content-Length");
  args.length = 0;
}

let stopping;

function fail(response, error, reqId) {
  logger.error({ reqId, err: error }, "request failed");
  if (!response.headersSent) response.writeHead(500);
  response.end();
}

function answerJson(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  response.end(body);
}

async function answerReadiness(response) {
  if (stopping) return answerJson(response, 503, `${JSON.stringify({ status: "stopping" })}\n`);
  const { status, body } = readinessResponse(await checkReadiness());
  answerJson(response, status, body);
}

const server = createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = socketClientAddress(request, proxyHops);
  // Only this server asks for a blog's 404 page (serveReaderPage).
  delete request.headers[NOT_FOUND_PAGE_HEADER];
  const started = performance.now();
  const id = requestIdOf(request.headers["x-request-id"], randomUUID);
  // Handed to Next too, for route handlers that log.
  request.headers["x-request-id"] = id;
  response.setHeader("X-Request-Id", id);
  const path = (request.url ?? "/").split("?", 1)[0];
  const beacon = isBeaconRequest(request);
  const probe = path === "/healthz" || path === "/readyz";
  let readerPath;
  let readerRoute;
  response.once("finish", () => {
    // Beacons and probes come by the thousand: only at LOG_LEVEL=debug. The query string is never
    // logged (sign-in and unsubscribe links carry tokens there). No child logger per request: the
    // request id is one more field of the line.
    const level = beacon || probe ? "debug" : "info";
    if (!logger.isLevelEnabled(level)) return;
    logger[level]({ reqId: id, method: request.method, host: request.headers.host, path, status: response.statusCode, ms: Math.round(performance.now() - started) }, "request");
  });
  if (probe && request.method === "GET") {
    if (path === "/healthz") answerJson(response, 200, `${JSON.stringify({ status: "alive" })}\n`);
    else answerReadiness(response).catch((error) => fail(response, error, id));
  } else if (beacon) {
    answerBeacon(request, response, () => handle(request, response)).catch((error) => fail(response, error, id));
  } else if ((readerPath = plainReaderPagePath(request.method, request.url, request.headers, address)) && (readerRoute = readerPageRoute(readerPath))) {
    serveReaderPage(request, response, readerPath, readerRoute).catch((error) => fail(response, error, id));
  } else if ((readerPath = plainPlatformPath(request.method, request.url, request.headers, address)) && (readerRoute = unknownPlatformPage(readerPath))) {
    serveReaderPage(request, response, readerPath, readerRoute).catch((error) => fail(response, error, id));
  } else {
    handle(request, response).catch((error) => fail(response, error, id));
  }
});
server.listen(port, () => logger.info({ port }, "ready"));

// Stopping (SIGTERM from an orchestrator, Ctrl-C): /readyz answers 503 at once, then, after
// SHUTDOWN_DELAY_MS, the server finishes the requests under way, writes the views still in memory,
// lets Next finish its after() work, and leaves.
function shutdown(signal, code) {
  stopping ??= (async () => {
    logger.info({ signal }, "stopping: readiness withdrawn, draining requests and writing the views in memory");
    if (signal === "SIGTERM" && shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdownDelayMs));
    const closed = new Promise((resolve) => server.close(() => resolve()));
    // Keep-alive connections still open after a grace period are cut.
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    await closed;
    await drainViewCounter();
    await app.close();
  })()
    .catch((error) => logger.error({ err: error }, "error while stopping"))
    .finally(() => {
      logger.info("stopped");
      process.exit(code);
    });
}
process.on("SIGTERM", () => shutdown("SIGTERM", 143));
process.on("SIGINT", () => shutdown("SIGINT", 130));
