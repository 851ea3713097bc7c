import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCarnet, type RunningCarnet } from "../helpers/carnet-server";
import { httpGet } from "../helpers/http";
import { startSqld, type RunningSqld } from "../helpers/sqld";

// What an operator does with Carnet: one build, served under several addresses and databases with
// `npm run serve`; health probes; JSON logs; refusals that say what to do.

const distDir = inject("distDir");
const first = { rootDomain: inject("rootDomain"), databaseUrl: inject("databaseUrl") };

function freshDatabaseUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "carnet-ops-")), "carnet.db")}`;
}

/** Runs one of Carnet's commands to its end; resolves with its exit code and everything it printed. */
function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const seed = (databaseUrl: string) => runCommand(["--import", "tsx", "lib/cli/seed.ts"], { DATABASE_URL: databaseUrl });
const serve = (env: Record<string, string>) => runCommand(["lib/cli/serve.mjs"], env);

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function* builtFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // cache/: Next's own compiler cache, never served.
    if (entry.isDirectory() && !(dir === distDir && entry.name === "cache")) yield* builtFiles(path);
    else if (entry.isFile()) yield path;
  }
}

describe("one build, any deployment", () => {
  const secondTitle = "Carnet de la seconde instance";
  let second: RunningCarnet;

  beforeAll(async () => {
    const databaseUrl = freshDatabaseUrl();
    expect((await seed(databaseUrl)).code).toBe(0);
    const client = createClient({ url: databaseUrl });
    await client.execute({ sql: "update blogs set title = ? where slug = 'formation-continue'", args: [secondTitle] });
    client.close();
    second = await startCarnet({ distDir, command: "serve", databaseUrl, rootDomain: (port) => `seconde.localhost:${port}` });
  });

  afterAll(async () => {
    await second?.stop();
  });

  it("holds neither the address nor the database it was built with", () => {
    const buildRootDomain = inject("buildRootDomain");
    const leaks = [...builtFiles(distDir)].filter((file) => {
      const text = readFileSync(file, "latin1");
      return text.includes(buildRootDomain) || text.includes("aucune-base");
    });
    expect(leaks).toEqual([]);
  });

  it("answers under each address and database with its own links: platform bar, feeds, canonical address", async () => {
    for (const [instance, other, title] of [
      [first.rootDomain, second.rootDomain, "Formation Continue du Supérieur"],
      [second.rootDomain, first.rootDomain, secondTitle],
    ] as const) {
      const home = await httpGet(`http://formation-continue.${instance}/`);
      expect(home.status).toBe(200);
      expect(home.body).toContain(title);
      expect(home.body).toContain(`href="http://${instance}/creer-mon-blog"`);
      expect(home.body).toContain(`href="http://formation-continue.${instance}/flux/rss.xml"`);
      expect(home.body).toMatch(new RegExp(`<link rel="canonical" href="http://formation-continue\\.${instance.replace(/\./g, "\\.")}/?"`));
      expect(home.body).not.toContain(other);

      const feed = await httpGet(`http://formation-continue.${instance}/flux/rss.xml`);
      expect(feed.status).toBe(200);
      expect(feed.body).toContain(`http://formation-continue.${instance}/archives/`);
      expect(feed.body).not.toContain(other);

      const platform = await httpGet(`http://${instance}/`);
      expect(platform.body).toContain(`href="http://formation-continue.${instance}/"`);
      expect(platform.body).not.toContain(other);
    }
  });

  it("echoes the request id and logs the request as one JSON line under it", async () => {
    const given = await httpGet(`http://formation-continue.${second.rootDomain}/`, { "X-Request-Id": "essai-journal-42" });
    expect(given.headers["x-request-id"]).toBe("essai-journal-42");
    const made = await httpGet(`http://formation-continue.${second.rootDomain}/`, { "X-Request-Id": "pas un identifiant valable" });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await until(
      async () => readFileSync(second.logFile, "utf8").split("\n").filter((line) => line.includes("essai-journal-42")),
      (found) => found.length > 0,
    );
    const entry = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "info", reqId: "essai-journal-42", method: "GET", path: "/", status: 200 });
  });
});

describe("npm run serve refuses to start, saying why", () => {
  it("when there is no build", async () => {
    const { code, output } = await serve({ NEXT_DIST_DIR: ".next-absente", DATABASE_URL: first.databaseUrl });
    expect(code).toBe(1);
    expect(output).toContain("npm run build");
  });

  it("when the database is not migrated", async () => {
    const { code, output } = await serve({ DATABASE_URL: freshDatabaseUrl() });
    expect(code).toBe(1);
    expect(output).toContain("npm run db:migrate");
  });

  it("when the database was migrated by a newer build", async () => {
    const databaseUrl = freshDatabaseUrl();
    expect((await seed(databaseUrl)).code).toBe(0);
    const client = createClient({ url: databaseUrl });
    await client.execute({ sql: "insert into __drizzle_migrations (hash, created_at) values (?, ?)", args: ["f".repeat(64), 4102444800000] });
    client.close();
    const { code, output } = await serve({ DATABASE_URL: databaseUrl });
    expect(code).toBe(1);
    expect(output).toContain("version plus récente de Carnet");
  });

  it("when a variable is wrong, naming it", async () => {
    const { code, output } = await serve({ DATABASE_URL: first.databaseUrl, ROOT_DOMAIN: "pas un domaine" });
    expect(code).toBe(1);
    expect(output).toContain("ROOT_DOMAIN");
  });
});

describe("health probes", () => {
  let sqld: RunningSqld;
  let carnet: RunningCarnet;
  const readyz = async () => (await httpGet(`http://127.0.0.1:${carnet.port}/readyz`)).status;
  const healthz = async () => (await httpGet(`http://127.0.0.1:${carnet.port}/healthz`)).status;

  beforeAll(async () => {
    sqld = await startSqld(join(mkdtempSync(join(tmpdir(), "carnet-sqld-")), "data"));
    expect((await runCommand(["--import", "tsx", "lib/cli/migrate.ts"], { DATABASE_URL: sqld.url })).code).toBe(0);
    carnet = await startCarnet({ distDir, command: "serve", databaseUrl: sqld.url, env: { SHUTDOWN_DELAY_MS: "5000" } });
  });

  afterAll(async () => {
    await carnet?.stop();
    await sqld?.stop();
  });

  it("/readyz answers 503 while the database is unreachable, and 200 again once it is back; /healthz stays 200", async () => {
    expect(await readyz()).toBe(200);
    await sqld.stop();
    expect(await readyz()).toBe(503);
    expect(await healthz()).toBe(200);
    await sqld.start();
    expect(await until(readyz, (status) => status === 200)).toBe(200);
  });

  it("answers on any host, a blog's included, without the proxy's routing", async () => {
    const onBlog = await httpGet(`http://formation-continue.${carnet.rootDomain}/healthz`);
    expect(onBlog.status).toBe(200);
    expect(JSON.parse(onBlog.body)).toEqual({ status: "alive" });
  });

  it("/readyz turns 503 as soon as SIGTERM arrives, while the server still answers", async () => {
    carnet.signal("SIGTERM");
    expect(await until(readyz, (status) => status === 503)).toBe(503);
    expect(await healthz()).toBe(200);
    expect(await carnet.exited).toBe(143);
  });
});
