import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate } from "drizzle-orm/libsql/migrator";
import { db, dbClient } from "./index";
import { env } from "@/lib/env";
import { acquireLock, releaseLock } from "./locks";

const MIGRATIONS_FOLDER = join(process.cwd(), "drizzle");
// Drizzle's own bookkeeping: one row per applied migration (hash of its SQL, `when` of the journal).
const MIGRATIONS_TABLE = "__drizzle_migrations";
// Long enough for the slowest migration; an instance that dies holding the lock frees it after this.
const MIGRATION_LOCK_MS = 10 * 60_000;

export type MigrationState =
  | { status: "current" }
  | { status: "behind"; missing: number }
  /** Migrated by a newer build: this one does not know the schema it would serve. */
  | { status: "ahead"; unknown: string[] };

export class DatabaseFromNewerBuildError extends Error {
  constructor(unknown: string[]) {
    super(
      `La base de données a été migrée par une version plus récente de Carnet (migration inconnue de cette version : ${unknown
        .map((hash) => hash.slice(0, 12))
        .join(", ")}). Démarrez la version la plus récente, ou restaurez une sauvegarde faite avant la mise à jour.`,
    );
    this.name = "DatabaseFromNewerBuildError";
  }
}

function knownMigrations() {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((migration) => ({ hash: migration.hash, when: migration.folderMillis }));
}

/** Compares the migrations applied to the database with the ones this build carries. */
export async function readMigrationState(client: Client = dbClient): Promise<MigrationState> {
  const known = knownMigrations();
  const table = await client.execute({ sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", args: [MIGRATIONS_TABLE] });
  if (table.rows.length === 0) return { status: "behind", missing: known.length };
  const applied = (await client.execute(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE}`)).rows.map((row) => ({
    hash: String(row.hash),
    when: Number(row.created_at),
  }));
  // A migration is ours when its SQL or its journal time is: an edited file keeps its time.
  const unknown = applied.filter((row) => !known.some((migration) => migration.hash === row.hash || migration.when === row.when));
  if (unknown.length > 0) return { status: "ahead", unknown: unknown.map((row) => row.hash) };
  const missing = known.filter((migration) => !applied.some((row) => row.hash === migration.hash || row.when === migration.when)).length;
  return missing === 0 ? { status: "current" } : { status: "behind", missing };
}

/**
 * Applies the committed migrations in drizzle/ to DATABASE_URL, forward only; an up-to-date database is
 * left as it is. Several instances starting together migrate once: the first takes a lock in the
 * database, the others wait for it and then find nothing left to do. A database migrated by a newer
 * build is refused.
 */
export async function migrateDatabase(): Promise<void> {
  if (env.DATABASE_URL.startsWith("file:")) {
    // WAL lets readers go on while a writer commits; it is a property of the file, kept once set.
    await dbClient.execute("PRAGMA journal_mode = WAL");
  }
  const holder = randomUUID();
  await acquireLock(dbClient, "migrate", holder, { ttlMs: MIGRATION_LOCK_MS, waitMs: MIGRATION_LOCK_MS });
  try {
    const state = await readMigrationState();
    if (state.status === "ahead") throw new DatabaseFromNewerBuildError(state.unknown);
    if (state.status === "behind") await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsTable: MIGRATIONS_TABLE });
  } finally {
    await releaseLock(dbClient, "migrate", holder);
  }
}
