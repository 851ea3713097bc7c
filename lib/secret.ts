import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * The server's secret: AUTH_SECRET when set, otherwise one generated on first start and kept in
 * data/secret, so that sessions and signed links survive a restart of a single machine.
 */
export function getServerSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = join(process.cwd(), "data", "secret");
  try {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      // "wx": if two processes race, the first one wins and the second reads its secret.
      try {
        writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
      } catch {
        // already written by another process
      }
    }
    return (cached = readFileSync(file, "utf8").trim());
  } catch (error) {
    // A host without a writable disk (serverless): the secret can only come from the environment.
    throw new Error(`AUTH_SECRET est nécessaire ici : ${file} ne peut pas être écrit (${(error as NodeJS.ErrnoException).code ?? error}).`);
  }
}
