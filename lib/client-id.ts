import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import { getServerSecret } from "@/lib/secret";

/**
 * The header that carries the client's address to Next.js under `npm start`: lib/cli/serve.mjs computes
 * the address from the socket (and TRUST_PROXY_HOPS) and writes it over whatever the client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-carnet-client";

/** How many proxies in front of Carnet append to X-Forwarded-For (TRUST_PROXY_HOPS, 0 when unset or bad). */
export function trustedProxyHops(value = process.env.TRUST_PROXY_HOPS): number {
  const hops = Number(value ?? "0");
  return Number.isInteger(hops) && hops >= 0 && hops <= 32 ? hops : 0;
}

/**
 * The client's address seen from the socket: the peer itself, or, behind `hops` trusted proxies, the
 * address the farthest of them saw (X-Forwarded-For is read from the right, one entry per trusted hop;
 * entries to its left were written by the client and are never taken).
 */
export function socketClientAddress(request: Pick<IncomingMessage, "socket" | "headers">, hops: number): string {
  const address = proxyaddr(request as IncomingMessage, (_, index) => index < hops);
  // IPv4 clients of a dual-stack socket read as ::ffff:a.b.c.d; one client, one spelling.
  return (address || "unknown").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}

/**
 * Which request header holds the client's address for the code behind Next.js: the one lib/cli/serve.mjs
 * writes (it sets CLIENT_ADDRESS_HEADER in its own process), or, under `next start` on a hosting
 * platform, the header that platform documents and overwrites (the operator names it). Never a header
 * a client could write unchecked.
 */
function trustedAddressHeader(): string | undefined {
  return process.env.CLIENT_ADDRESS_HEADER?.trim().toLowerCase() || undefined;
}

let warned = false;

/** The client's address, from the trusted header only; "unknown" when the deployment gives none. */
export function clientAddress(headers: Pick<Headers, "get">): string {
  const name = trustedAddressHeader();
  const value = name ? headers.get(name)?.trim() : undefined;
  if (value) return value;
  if (!warned) {
    warned = true;
    console.warn(
      "[carnet] adresse du client inconnue : servez Carnet avec `npm start` (lib/cli/serve.mjs), ou nommez dans CLIENT_ADDRESS_HEADER l'en-tête que votre hébergeur remplit.",
    );
  }
  return "unknown";
}

/** A stable, salted hash of an address: enough to rate-limit or de-duplicate, never the address itself. */
export function hashAddress(address: string, salt = ""): string {
  return createHmac("sha256", getServerSecret()).update(`${salt}|${address}`).digest("base64url").slice(0, 22);
}

/** The hash of the request's client (see clientAddress). `salt` lets a caller rotate it (the visitor counter uses the day). */
export function hashClient(headers: Pick<Headers, "get">, salt = ""): string {
  return hashAddress(clientAddress(headers), salt);
}
