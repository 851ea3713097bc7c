import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { env } from "@/lib/env";
import { ensurePrivateDirectory, ensurePrivateFile, tightenIfPresent } from "@/lib/private-files";
import * as schema from "./schema";
import { serializeWrites } from "./serialized-writes";

export type Database = LibSQLDatabase<typeof schema>;

// Each pooled connection waits this long for a concurrent writer instead of failing with SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 5000;

// Work started by a timer rather than a request (the outbox worker polling): its queries are left out
// of CARNET_QUERY_LOG, which is about what serving a page costs. One per process, like the client,
// since Next may load this module more than once (instrumentation, pages).
const globalForWork = globalThis as unknown as { carnetBackgroundWork?: AsyncLocalStorage<true> };
const backgroundWork = (globalForWork.carnetBackgroundWork ??= new AsyncLocalStorage<true>());

/** Runs `work` (and everything it schedules) as background work of the server. */
export function runInBackground<T>(work: () => T): T {
  return backgroundWork.run(true, work);
}

function createDatabase(url: string, authToken: string | undefined): { db: Database; client: Client } {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).split("?")[0] ?? "";
    if (path && !path.startsWith(":memory:")) {
      // Readable by Carnet's own user only (lib/private-files.ts).
      ensurePrivateDirectory(dirname(path));
      ensurePrivateFile(path);
      for (const companion of ["-wal", "-shm", "-journal"]) tightenIfPresent(`${path}${companion}`);
    }
  }
  const opened = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  const client = url.startsWith("file:") ? serializeWrites(opened) : opened;
  // CARNET_QUERY_LOG names a file that receives one line per query: how the tests prove that a
  // cached page is served without touching the database.
  const queryLog = process.env.CARNET_QUERY_LOG;
  const logger = queryLog
    ? {
        logQuery: (query: string) => {
          if (!backgroundWork.getStore()) appendFileSync(queryLog, `${query.replace(/\s+/g, " ")}\n`);
        },
      }
    : undefined;
  return { db: drizzle(client, { schema, logger }), client };
}

// One client per process, also across Next's hot reloads in development.
const globalForDb = globalThis as unknown as { carnetDatabase?: { db: Database; client: Client } };
const opened = (globalForDb.carnetDatabase ??= createDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN));

export const db = opened.db;
export const dbClient = opened.client;
