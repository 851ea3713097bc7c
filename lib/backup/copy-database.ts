// Copies a whole SQLite/libSQL database through SQL, for databases that are not a file on this machine
// (a libSQL server): schema, every row with its rowid, AUTOINCREMENT counters, then indexes and triggers.
import type { Client, InStatement, Transaction } from "@libsql/client";

/** Operator-facing failure of a backup or a restore: the message says what to do; no stack trace needed. */
export class BackupError extends Error {}

type Reader = Pick<Transaction, "execute">;
type SchemaObject = { type: string; name: string; sql: string };

const ROWS_PER_BATCH = 2000;
// FTS5 keeps its index in these tables; they are rebuilt from the indexed table rather than copied.
const FTS5_SHADOWS = ["data", "idx", "content", "docsize", "config"];

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The database's own objects (tables, indexes, triggers, views) in the order they were created. */
export async function schemaObjects(reader: Reader): Promise<SchemaObject[]> {
  const result = await reader.execute(
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
  );
  return result.rows.map((row) => ({ type: String(row.type), name: String(row.name), sql: String(row.sql) }));
}

/** "ok", or the problems PRAGMA integrity_check reports (first ten). */
export async function integrityProblems(reader: Reader): Promise<string[]> {
  const result = await reader.execute("PRAGMA integrity_check(10)");
  const lines = result.rows.map((row) => String(row[0]));
  return lines.length === 1 && lines[0] === "ok" ? [] : lines;
}

async function insertableColumns(source: Reader, table: string): Promise<string[]> {
  const columns = await source.execute(`PRAGMA table_xinfo(${quoted(table)})`);
  // hidden: 0 an ordinary column; generated columns (2, 3) are computed again by the target.
  return columns.rows.filter((column) => Number(column.hidden) === 0).map((column) => String(column.name));
}

async function copyRows(source: Reader, target: Client, table: string): Promise<number> {
  const columns = await insertableColumns(source, table);
  const columnList = columns.map(quoted).join(", ");
  const insert = `INSERT INTO ${quoted(table)} (rowid, ${columnList}) VALUES (${["?", ...columns.map(() => "?")].join(", ")})`;
  let copied = 0;
  let after: unknown = null;
  for (;;) {
    // Pages follow the rowid, which a table keeps in order whatever its size.
    const page = await source.execute({
      sql: `SELECT rowid, ${columnList} FROM ${quoted(table)}${after === null ? "" : " WHERE rowid > ?"} ORDER BY rowid LIMIT ${ROWS_PER_BATCH}`,
      args: after === null ? [] : [after as bigint],
    });
    if (page.rows.length === 0) return copied;
    const statements: InStatement[] = page.rows.map((row) => ({ sql: insert, args: Array.from({ length: columns.length + 1 }, (_, i) => row[i] ?? null) }));
    // migrate(): one transaction with foreign keys off, since tables are filled one after another.
    await target.migrate(statements);
    copied += page.rows.length;
    after = page.rows.at(-1)?.[0] ?? null;
  }
}

/**
 * Writes into `target` (an empty database) everything `source` holds. `source` should be a read
 * transaction: every page of every table then comes from one snapshot, whatever is written meanwhile.
 * Returns the number of rows copied per table.
 */
export async function copyDatabase(source: Reader, target: Client): Promise<Map<string, number>> {
  const objects = await schemaObjects(source);
  const virtualTables = objects.filter((object) => object.type === "table" && /^CREATE\s+VIRTUAL\s+TABLE/i.test(object.sql));
  for (const table of virtualTables) {
    if (!/USING\s+fts5\s*\([\s\S]*content\s*=/i.test(table.sql)) {
      throw new BackupError(`La table virtuelle ${table.name} n'est pas un index FTS5 à contenu externe : la copie ne sait pas la reproduire.`);
    }
  }
  const shadows = new Set(virtualTables.flatMap((table) => FTS5_SHADOWS.map((suffix) => `${table.name}_${suffix}`)));
  const plainTables = objects.filter((object) => object.type === "table" && !virtualTables.includes(object) && !shadows.has(object.name));

  for (const table of plainTables) await target.execute(table.sql);
  const counts = new Map<string, number>();
  for (const table of plainTables) counts.set(table.name, await copyRows(source, target, table.name));

  // AUTOINCREMENT never gives an id again, even one whose row was deleted: the counters come along.
  const hasSequences = await source.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (hasSequences.rows.length > 0) {
    const sequences = await source.execute("SELECT name, seq FROM sqlite_sequence");
    await target.migrate([
      "DELETE FROM sqlite_sequence",
      ...sequences.rows.map((row) => ({ sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", args: [row.name ?? null, row.seq ?? null] })),
    ]);
  }

  for (const table of virtualTables) {
    await target.execute(table.sql);
    await target.execute(`INSERT INTO ${quoted(table.name)}(${quoted(table.name)}) VALUES ('rebuild')`);
  }
  // Indexes, views and triggers last: triggers must not fire again on the copied rows.
  for (const object of objects.filter((object) => object.type !== "table")) await target.execute(object.sql);
  return counts;
}
