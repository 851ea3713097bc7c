import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";
import { httpGet } from "./http";

export type RunningCarnet = {
  port: number;
  rootDomain: string;
  databaseUrl: string;
  queryLog: string;
  stop: () => Promise<void>;
};

async function waitUntilServing(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
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
 * Starts Carnet the way an operator does (`npm start`: migrate, seed the demo, `next build`, then serve with lib/cli/serve.mjs)
 * on a free port, with a fresh database file and a build folder of its own; `env` adds variables
 * (SMTP_URL of the tests' mail server, say).
 */
export async function startCarnet(options: { distDir: string; env?: Record<string, string> }): Promise<RunningCarnet> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "carnet-"));
  const databaseUrl = `file:${join(dir, "carnet.db")}`;
  const queryLog = join(dir, "queries.log");
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      ROOT_DOMAIN: `localhost:${port}`,
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
    await waitUntilServing(`http://localhost:${port}/`, child, logFile, 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, rootDomain: `localhost:${port}`, databaseUrl, queryLog, stop };
}
