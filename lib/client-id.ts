import { createHmac } from "node:crypto";
import { getServerSecret } from "@/lib/secret";

/**
 * The client's address as the nearest proxy saw it: the last entry of X-Forwarded-For. Next fills that
 * header with the socket's address when a client connects directly, but keeps one the client sent, so
 * in production Carnet sits behind a proxy that appends to it (nginx's $proxy_add_x_forwarded_for, a load
 * balancer): earlier entries are the client's own say, the last one is the proxy's.
 */
export function clientAddress(headers: Pick<Headers, "get">): string {
  const hops = headers.get("x-forwarded-for")?.split(",").map((hop) => hop.trim()).filter(Boolean) ?? [];
  return hops.at(-1) || headers.get("x-real-ip") || "unknown";
}

/**
 * A stable, salted hash of the client's address: enough to rate-limit or de-duplicate, never the
 * address itself. `salt` lets a caller rotate it (the visitor counter uses the day).
 */
export function hashClient(headers: Pick<Headers, "get">, salt = ""): string {
  return createHmac("sha256", getServerSecret()).update(`${salt}|${clientAddress(headers)}`).digest("base64url").slice(0, 22);
}
