// The build of `npm start`: made when there is none, or when the code changed since (a build knows
// nothing of its deployment, so the address and the database play no part here).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCES = ["app", "components", "content", "drizzle", "lib", "public"];
const ROOT_FILES = ["package-lock.json", "next.config.mjs", "proxy.ts", "instrumentation.ts", "mdx-components.tsx", "postcss.config.mjs", "tsconfig.json"];

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile()) yield path;
  }
}

/** A fingerprint of the code a build is made from (names, sizes and times of its files). */
export function sourceFingerprint(root = process.cwd()): string {
  const hash = createHash("sha256");
  const files = [...SOURCES.flatMap((dir) => [...sourceFiles(join(root, dir))]), ...ROOT_FILES.map((file) => join(root, file))];
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

const stampOf = (distDir: string) => join(distDir, "carnet-source.txt");

/** Whether `distDir` holds a build of the current code. */
export function isBuildCurrent(distDir: string): boolean {
  const stamp = stampOf(distDir);
  return existsSync(join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === sourceFingerprint();
}

export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? 1);
    });
  });
}

/** `next build` into `distDir` (from scratch), stamped with the code it was made from; `env` adds variables. */
export async function buildCarnet(distDir: string, env: Record<string, string> = {}): Promise<void> {
  rmSync(distDir, { recursive: true, force: true });
  const fingerprint = sourceFingerprint();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const code = await runNode([nextBin, "build"], { ...process.env, ...env, NEXT_DIST_DIR: distDir });
  if (code !== 0) throw new Error(`next build a échoué (code ${code}).`);
  writeFileSync(stampOf(distDir), fingerprint);
}

// `npm run build`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCarnet(process.env.NEXT_DIST_DIR ?? ".next");
}
