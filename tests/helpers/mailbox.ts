import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CapturedMail } from "./smtp-server";

/** Every mail the end-to-end server has sent so far, oldest first (written by the SMTP server of global-setup). */
export function readMailbox(mailDir: string): CapturedMail[] {
  return readdirSync(mailDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(mailDir, name), "utf8")) as CapturedMail);
}

/** Waits until mail matching `predicate` has arrived (the server's worker polls its outbox every few seconds). */
export async function waitForMail(mailDir: string, predicate: (mail: CapturedMail) => boolean, timeoutMs = 20_000): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMailbox(mailDir).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
