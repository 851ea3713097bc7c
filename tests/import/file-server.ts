import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A small HTTP server on 127.0.0.1 for the import tests: the remote site of images, feeds and pages.

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export async function startFileServer(routes: Record<string, Route>): Promise<{ origin: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push(path);
    const route = routes[path];
    if (route) route(request, response);
    else response.writeHead(404).end("introuvable");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const serveBytes =
  (bytes: Uint8Array, contentType: string): Route =>
  (_request, response) => {
    response.writeHead(200, { "content-type": contentType, "content-length": bytes.byteLength }).end(bytes);
  };

export const redirectTo =
  (location: string): Route =>
  (_request, response) => {
    response.writeHead(302, { location }).end();
  };
