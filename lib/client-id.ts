import { createHmac } from "node:crypto";
import { getServerSecret } from "@/lib/secret";

/**
 * A stable, salted hash of the client's address: enough to rate-limit or de-duplicate, never the
 * address itself. `salt` lets a caller rotate it (the visitor counter uses the day).
 */
export function hashClient(headers: Pick<Headers, "get">, salt = ""): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip") || "unknown";
  return createHmac("sha256", getServerSecret()).update(`${salt}|${address}`).digest("base64url").slice(0, 22);
}
