import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSqld, type RunningSqld } from "../helpers/sqld";

const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] };

function migrate(databaseUrl: string) {
  return promisify(execFile)(process.execPath, ["--import", "tsx", "lib/cli/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 60_000,
  });
}

let sqld: RunningSqld;
let client: Client;

beforeAll(async () => {
  sqld = await startSqld();
  client = createClient({ url: sqld.url });
}, 300_000);

afterAll(async () => {
  client?.close();
  await sqld?.stop();
});

describe("the migrations on a libSQL server (sqld)", { timeout: 120_000 }, () => {
  it("apply every committed migration through `npm run db:migrate`, and a second run changes nothing", async () => {
    const first = await migrate(sqld.url);
    expect(first.stdout).toContain("Base de données à jour.");
    const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);

    await migrate(sqld.url);
    const again = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    expect(Number(again.rows[0]?.n)).toBe(journal.entries.length);
  });

  it("give the server Carnet's tables, including the full-text index kept by its triggers", async () => {
    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.rows.map((row) => row.name)).toEqual(expect.arrayContaining(["blog", "post", "comment", "media", "post_search", "user"]));

    await client.execute("INSERT INTO user (id, email, created_at) VALUES ('u1', 'claire@exemple.fr', 0)");
    await client.execute(
      "INSERT INTO blog (id, slug, title, owner_id, created_at) VALUES (1, 'carnet-de-claire', 'Le carnet de Claire', 'u1', 0)",
    );
    await client.execute(
      "INSERT INTO post (id, blog_id, title, slug, body_markdown, created_at, updated_at) VALUES (1, 1, 'Réseaux sociaux en entreprise', 'reseaux', 'Les équipes apprennent ensemble.', 0, 0)",
    );
    const found = await client.execute("SELECT rowid FROM post_search WHERE post_search MATCH 'reseaux'");
    expect(found.rows.map((row) => Number(row.rowid))).toEqual([1]);
  });
});
