// Runs before each test file: a fresh libSQL database file with the real migrations applied.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "carnet-test-"));
process.env.DATABASE_URL = `file:${join(dir, "test.db")}`;
process.env.ROOT_DOMAIN = "carnet.test";
process.env.PUBLIC_PROTOCOL = "https";
delete (globalThis as { carnetDatabase?: unknown }).carnetDatabase;

const { migrateDatabase } = await import("@/lib/db/migrate");
await migrateDatabase();
