import { createHmac, timingSafeEqual } from "node:crypto";
import { getServerSecret } from "@/lib/secret";

// The links of Carnet's mails (confirm, unsubscribe) carry ids signed with the server's secret
// (HMAC-SHA256): nobody can forge one for an address they do not receive mail at, and nothing secret is
// stored. `purpose` keeps the links of one kind from working as another's.

export function linkSignature(purpose: string, payload: string): string {
  return createHmac("sha256", getServerSecret()).update(`${purpose}|${payload}`).digest("base64url").slice(0, 32);
}

/** Whether `given` is this server's signature of `payload` for `purpose` (in constant time). */
export function hasLinkSignature(purpose: string, payload: string, given: string): boolean {
  const a = Buffer.from(linkSignature(purpose, payload));
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
