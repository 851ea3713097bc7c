import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { env } from "@/lib/env";
import { dataDirectory, ensurePrivateDirectory, PRIVATE_FILE_MODE, tightenIfPresent } from "@/lib/private-files";

let cached: string | undefined;

/**
 * The server's secret: AUTH_SECRET when set, otherwise one generated on first start and kept in
 * data/secret, so that sessions and signed links survive a restart of a single machine.
 */
export function getServerSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = join(dataDirectory(), "secret");
  try {
    return (cached = readSecretFile(file));
  } catch (error) {
    // A host without a writable disk (serverless): the secret can only come from the environment.
    throw new Error(`AUTH_SECRET est nécessaire ici : ${file} ne peut pas être écrit (${(error as NodeJS.ErrnoException).code ?? error}).`);
  }
}

/** The secret kept in `file`, written there (0600, in a 0700 folder) on first use. */
export function readSecretFile(file: string): string {
  ensurePrivateDirectory(dirname(file));
  if (!existsSync(file)) {
    // "wx": if two processes race, the first one wins and the second reads its secret.
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: PRIVATE_FILE_MODE });
    } catch {
      // already written by another process
    }
  } else {
    tightenIfPresent(file);
  }
  return readFileSync(file, "utf8").trim();
}
