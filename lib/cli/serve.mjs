// The production server of `npm start` (started by lib/cli/start.ts once a build exists): Next.js
// behind a plain Node HTTP server that answers the page-view beacon itself, before Next's request
// pipeline (lib/stats/beacon-fast-path.ts): a beacon then costs a tenth of a Next route. Everything
// else is Next's, as under `next start`.
//
// Plain JavaScript on purpose: Next's server must not run under a TypeScript loader (every require
// would pay for it); only our beacon modules are loaded through tsx, in their own scope.
import { createServer } from "node:http";
import next from "next";
import { tsImport } from "tsx/esm/api";

const port = Number(process.env.PORT ?? "3000");
// Next's own timers and jobs read the port from here, as under `next start`.
process.env.PORT = String(port);

const { CLIENT_ADDRESS_HEADER, socketClientAddress, trustedProxyHops } = await tsImport("../client-id.ts", import.meta.url);
// Route handlers and actions never see the socket: this server writes the client's address into a header
// of its own, over any copy the client sent, and lib/client-id.ts trusts that header in this process only.
if (process.env.CLIENT_ADDRESS_HEADER && process.env.CLIENT_ADDRESS_HEADER.toLowerCase() !== CLIENT_ADDRESS_HEADER) {
  console.warn(`CLIENT_ADDRESS_HEADER est ignoré par npm start : l'adresse vient de la connexion (et de TRUST_PROXY_HOPS).`);
}
process.env.CLIENT_ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
const proxyHops = trustedProxyHops();

const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
const { answerBeacon, isBeaconRequest, drainViewCounter } = await tsImport("../stats/beacon-fast-path.ts", import.meta.url);

function fail(response, error) {
  console.error(error);
  if (!response.headersSent) response.writeHead(500);
  response.end();
}

const server = createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = socketClientAddress(request, proxyHops);
  if (isBeaconRequest(request)) {
    answerBeacon(request, response, () => handle(request, response)).catch((error) => fail(response, error));
  } else {
    handle(request, response).catch((error) => fail(response, error));
  }
});
server.listen(port, () => console.log(`✓ Prêt sur le port ${port}`));

// Stopping (SIGTERM from an orchestrator, Ctrl-C): finish the requests under way, write the views
// still in memory, let Next finish its after() work, then leave.
let stopping;
function shutdown(signal, code) {
  stopping ??= (async () => {
    console.log(`Arrêt demandé (${signal}) : fin des requêtes en cours, écriture des visites en mémoire…`);
    const closed = new Promise((resolve) => server.close(() => resolve()));
    // Keep-alive connections still open after a grace period are cut.
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    await closed;
    await drainViewCounter();
    await app.close();
  })()
    .catch((error) => console.error("[arrêt]", error))
    .finally(() => {
      console.log("Arrêté.");
      process.exit(code);
    });
}
process.on("SIGTERM", () => shutdown("SIGTERM", 143));
process.on("SIGINT", () => shutdown("SIGINT", 130));
