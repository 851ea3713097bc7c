import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";
import { httpGet } from "./http";

export type RunningCarnet = {
  port: number;
  /** Its JSON log (stdout and stderr). */
  logFile: string;
  /** Sends a signal to the server (SIGTERM: what an orchestrator does before stopping it). */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code once the server has exited. */
  exited: Promise<number | null>;
  rootDomain: string;
  databaseUrl: string;
  queryLog: string;
  stop: () => Promise<void>;
};

export async function waitUntilServing(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Carnet exited with ${child.exitCode}:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
    try {
      if ((await httpGet(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Carnet did not answer at ${url} within ${timeoutMs} ms:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
}

/**
 * Starts Carnet the way an operator does on a free port, with a fresh database file (unless `databaseUrl`
 * names one): `npm start` (migrate, seed the demo, build when there is no build of this code, then serve
 * with lib/cli/serve.mjs), or `npm run serve` (the build and the database must be ready). `rootDomain`
 * builds the platform's address from the port (localhost:<port> by default); `env` adds variables (SMTP_URL
 * of the tests' mail server, say).
 */
export async function startCarnet(options: {
  distDir: string;
  env?: Record<string, string>;
  command?: "start" | "serve";
  rootDomain?: (port: number) => string;
  databaseUrl?: string;
}): Promise<RunningCarnet> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "carnet-"));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir, "carnet.db")}`;
  const rootDomain = options.rootDomain?.(port) ?? `localhost:${port}`;
  const queryLog = join(dir, "queries.log");
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  const script = options.command === "serve" ? ["lib/cli/serve.mjs"] : ["--import", "tsx", "lib/cli/start.ts"];
  const child = spawn(process.execPath, script, {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      ROOT_DOMAIN: rootDomain,
      DATABASE_URL: databaseUrl,
      MEDIA_DIR: join(dir, "uploads"),
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      CARNET_QUERY_LOG: queryLog,
      ...options.env,
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, "SIGTERM");
    });
  try {
    // A build on the shared two-core machine can take well over five minutes while other builds run (CARNET_START_TIMEOUT_MS).
    await waitUntilServing(`http://127.0.0.1:${port}/healthz`, child, logFile, Number(process.env.CARNET_START_TIMEOUT_MS ?? 900_000));
  } catch (error) {
    await stop();
    throw error;
  }
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, name);
  };
  return { port, logFile, signal, exited, rootDomain, databaseUrl, queryLog, stop };
}
