import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { dbClient } from "@/lib/db";
import { DatabaseFromNewerBuildError, migrateDatabase, readMigrationState } from "@/lib/db/migrate";

const migrationCount = readMigrationFiles({ migrationsFolder: join(process.cwd(), "drizzle") }).length;

type Instance = { ready: Promise<void>; go: () => void; done: Promise<{ code: number | null; output: string }> };

/** A process about to migrate DATABASE_URL (tests/helpers/migrate-when-told.ts), once told to go. */
function instanceAboutToMigrate(databaseUrl: string): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/migrate-when-told.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("prêt")) resolve();
    });
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
  return { ready, go: () => child.stdin.write("go\n"), done };
}

describe("migrations", () => {
  it("run once when three instances start together on one database", async () => {
    const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), "carnet-migrate-")), "carnet.db")}`;
    const instances = [1, 2, 3].map(() => instanceAboutToMigrate(databaseUrl));
    await Promise.all(instances.map((instance) => instance.ready));
    for (const instance of instances) instance.go();
    const runs = await Promise.all(instances.map((instance) => instance.done));
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
    const client = createClient({ url: databaseUrl });
    const applied = await client.execute("select hash from __drizzle_migrations");
    expect(applied.rows).toHaveLength(migrationCount);
    expect(await readMigrationState(client)).toEqual({ status: "current" });
    client.close();
  }, 120_000);

  it("leave an up-to-date database as it is", async () => {
    await migrateDatabase();
    const applied = await dbClient.execute("select count(*) as n from __drizzle_migrations");
    expect(Number(applied.rows[0]?.n)).toBe(migrationCount);
  });

  it("refuse a database migrated by a newer build, saying so", async () => {
    await dbClient.execute({ sql: "insert into __drizzle_migrations (hash, created_at) values (?, ?)", args: ["e".repeat(64), 4102444800000] });
    try {
      expect(await readMigrationState()).toEqual({ status: "ahead", unknown: ["e".repeat(64)] });
      await expect(migrateDatabase()).rejects.toThrow(DatabaseFromNewerBuildError);
      await expect(migrateDatabase()).rejects.toThrow(/version plus récente de Carnet/);
    } finally {
      await dbClient.execute({ sql: "delete from __drizzle_migrations where hash = ?", args: ["e".repeat(64)] });
    }
  });
});
