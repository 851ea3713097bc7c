import type { Client } from "@libsql/client";

// Named locks with an expiry, held in the database itself, so that they work across processes and
// machines (the migration at start, a periodic job run by several instances). A holder that dies
// frees its lock when it expires. The table is created here rather than by a migration: the migration
// lock must exist before the first migration runs.

const LOCKS_TABLE = "carnet_locks";
const POLL_MS = 200;

async function ensureLocksTable(client: Client): Promise<void> {
  await client.execute(`CREATE TABLE IF NOT EXISTS ${LOCKS_TABLE} (name TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
}

/** Takes the lock `name` for `ttlMs` if it is free or expired; returns whether `holder` now holds it. */
export async function tryLock(client: Client, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  await ensureLocksTable(client);
  // One statement: two instances racing for a free lock cannot both win.
  const result = await client.execute({
    sql: `INSERT INTO ${LOCKS_TABLE} (name, holder, expires_at) VALUES (?, ?, ?)
          ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
          WHERE ${LOCKS_TABLE}.expires_at <= ? OR ${LOCKS_TABLE}.holder = excluded.holder`,
    args: [name, holder, now + ttlMs, now],
  });
  return result.rowsAffected === 1;
}

/** Waits (up to `waitMs`) for the lock `name`, then holds it for `ttlMs`. */
export async function acquireLock(client: Client, name: string, holder: string, options: { ttlMs: number; waitMs: number }): Promise<void> {
  const deadline = Date.now() + options.waitMs;
  while (!(await tryLock(client, name, holder, options.ttlMs))) {
    if (Date.now() > deadline) throw new Error(`Le verrou « ${name} » est tenu par une autre instance depuis trop longtemps.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function releaseLock(client: Client, name: string, holder: string): Promise<void> {
  await client.execute({ sql: `DELETE FROM ${LOCKS_TABLE} WHERE name = ? AND holder = ?`, args: [name, holder] });
}
