import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, request } from "undici";
import { env } from "@/lib/env";

// Every fetch an import makes (images, feeds, Canalblog pages) goes through here. A blogger names the
// address, so the server must never be made to read the operator's own network: the host's addresses
// are checked after DNS resolution, at connection time (no second lookup can answer differently), and
// again for every redirect, which is followed by hand. IMPORT_ALLOW_PRIVATE_NETWORKS=1 lifts the check.

export const IMPORT_USER_AGENT = "Carnet-Import/1.0 (import of a blog asked by its author)";
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 20_000;

export type FetchProblem = "blocked" | "unreachable" | "status" | "tooLarge" | "badAddress";
export type FetchResult =
  | { ok: true; url: string; contentType: string; body: Buffer }
  | { ok: false; problem: FetchProblem; status?: number };

/** Whether an IP address is on the public Internet (not loopback, private, link-local, multicast, reserved…). */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === "unicast";
  } catch {
    return false;
  }
}

class BlockedAddressError extends Error {
  readonly code = "ECARNETBLOCKED";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) {
      return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses as [LookupAddress];
    callback(null, first.address, first.family);
  });
}

const agents = new Map<boolean, Agent>();
function agentFor(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent) {
    agent = new Agent({ connect: allowPrivate ? {} : { lookup: guardedLookup as never }, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    agents.set(allowPrivate, agent);
  }
  return agent;
}

function checkedUrl(address: string, allowPrivate: boolean): URL | "badAddress" | "blocked" {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return "badAddress";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "blocked";
  if (url.username || url.password) return "badAddress";
  // An address written as an IP is never looked up: it is checked here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && ipaddr.isValid(host) && !isPublicAddress(host)) return "blocked";
  return url;
}

/**
 * GETs an address from outside, at most `maxBytes` of it, following up to five redirects, each one
 * checked like the first. Never throws for a problem of the remote side.
 */
export async function safeFetch(
  address: string,
  options: { maxBytes: number; allowPrivate?: boolean; accept?: string },
): Promise<FetchResult> {
  const allowPrivate = options.allowPrivate ?? env.IMPORT_ALLOW_PRIVATE_NETWORKS === "1";
  let current = address;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const url = checkedUrl(current, allowPrivate);
    if (typeof url === "string") return { ok: false, problem: url };
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: "GET",
        dispatcher: agentFor(allowPrivate),
        headers: { "user-agent": IMPORT_USER_AGENT, accept: options.accept ?? "*/*" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const blocked = error instanceof BlockedAddressError || (error as { cause?: unknown }).cause instanceof BlockedAddressError;
      return { ok: false, problem: blocked ? "blocked" : "unreachable" };
    }
    const { statusCode, headers, body } = response;
    if (statusCode >= 300 && statusCode < 400 && headers.location) {
      await body.dump();
      current = new URL(String(headers.location), url).toString();
      continue;
    }
    if (statusCode !== 200) {
      await body.dump();
      return { ok: false, problem: "status", status: statusCode };
    }
    const declared = Number(headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await body.dump();
      return { ok: false, problem: "tooLarge" };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).byteLength;
        if (size > options.maxBytes) {
          body.destroy();
          return { ok: false, problem: "tooLarge" };
        }
        chunks.push(chunk as Buffer);
      }
    } catch {
      return { ok: false, problem: "unreachable" };
    }
    return { ok: true, url: url.toString(), contentType: String(headers["content-type"] ?? ""), body: Buffer.concat(chunks) };
  }
  return { ok: false, problem: "unreachable" };
}
