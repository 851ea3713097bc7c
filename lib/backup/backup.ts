// `npm run backup -- <file>` and `npm run restore -- <file>`: a consistent copy of Carnet's database
// (and of its images when they are on local disk) taken while Carnet keeps serving, and its restoration.
import { cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { fileSystemMediaStorage, isStorageKey, type MediaStorage } from "@/lib/media/storage";
import { BackupError, copyDatabase, integrityProblems, schemaObjects } from "./copy-database";

export { BackupError };

/** The folder of a backup's images, next to its database file. */
export const mediaFolderOf = (file: string) => `${file}.medias`;

const exists = (path: string) => stat(path).then(() => true, () => false);
const isFileUrl = (url: string) => url.startsWith("file:");
// Integers as bigint: ids and counters beyond 2^53 survive the copy.
const open = (url: string, authToken?: string) => createClient({ url, authToken, intMode: "bigint" });

// A database file being filled from scratch needs no journal on disk nor a sync per batch: a failed copy
// is thrown away whole. Then a backup is one self-contained file, a restored database is in Carnet's WAL mode.
const FAST_FILL = ["PRAGMA journal_mode = MEMORY", "PRAGMA synchronous = OFF"];
const AS_BACKUP = ["PRAGMA synchronous = FULL", "PRAGMA journal_mode = DELETE"];
const AS_DATABASE = ["PRAGMA synchronous = FULL", "PRAGMA journal_mode = WAL"];

async function runPragmas(client: Client, pragmas: string[]): Promise<void> {
  for (const pragma of pragmas) await client.execute(pragma);
}

async function storageKeysIn(database: Client): Promise<Map<string, string>> {
  const hasMedia = await database.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media'");
  if (hasMedia.rows.length === 0) return new Map();
  const rows = await database.execute("SELECT storage_key, mime_type FROM media");
  const keys = new Map<string, string>();
  for (const row of rows.rows) if (isStorageKey(String(row.storage_key))) keys.set(String(row.storage_key), String(row.mime_type));
  return keys;
}

async function filesUnder(folder: string): Promise<string[]> {
  if (!(await exists(folder))) return [];
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

export type BackupReport = { file: string; rows: number; media: number | "bucket"; missingMedia: string[]; milliseconds: number };

/**
 * Writes a consistent copy of the database at `databaseUrl` into `file` (an SQLite database, which must
 * not exist yet), with its images in `<file>.medias/` when `mediaDir` (the local folder) is given.
 * A database file is copied by SQLite's VACUUM INTO; a libSQL server is read in one read transaction.
 * Either way the copy is one snapshot: every write committed before the backup began, none half-done.
 */
export async function backupCarnet(input: { databaseUrl: string; authToken?: string; file: string; mediaDir: string | null }): Promise<BackupReport> {
  const started = Date.now();
  if (await exists(input.file)) throw new BackupError(`${input.file} existe déjà : choisissez un nouveau nom de fichier pour la sauvegarde.`);
  const partial = `${input.file}.partial`;
  const partialMedia = `${mediaFolderOf(input.file)}.partial`;
  await rm(partial, { force: true });
  await rm(partialMedia, { recursive: true, force: true });

  // Images are written before their row and never change under a key: those on disk now cover every
  // row of the snapshot, but for one deleted right after it; the second pass below takes the rest.
  if (input.mediaDir && (await exists(input.mediaDir))) {
    await cp(input.mediaDir, partialMedia, { recursive: true, filter: (path) => !path.endsWith(".tmp") });
  }

  const source = open(input.databaseUrl, input.authToken);
  const copy = open(`file:${partial}`);
  let rows = 0;
  try {
    if (isFileUrl(input.databaseUrl)) {
      await source.execute({ sql: "VACUUM INTO ?", args: [partial] });
    } else {
      const snapshot = await source.transaction("read");
      try {
        await runPragmas(copy, FAST_FILL);
        for (const count of (await copyDatabase(snapshot, copy)).values()) rows += count;
        await runPragmas(copy, AS_BACKUP);
      } finally {
        snapshot.close();
      }
    }
    const problems = await integrityProblems(copy);
    if (problems.length > 0) throw new BackupError(`La copie ne passe pas PRAGMA integrity_check :\n${problems.join("\n")}`);
    if (isFileUrl(input.databaseUrl)) {
      for (const table of await schemaObjects(copy)) {
        if (table.type !== "table" || /^CREATE\s+VIRTUAL/i.test(table.sql)) continue;
        const counted = await copy.execute(`SELECT count(*) FROM "${table.name.replaceAll('"', '""')}"`);
        rows += Number(counted.rows[0]?.[0] ?? 0);
      }
    }

    const keys = await storageKeysIn(copy);
    const missingMedia: string[] = [];
    if (input.mediaDir) {
      await mkdir(partialMedia, { recursive: true });
      const from = fileSystemMediaStorage(input.mediaDir);
      const to = fileSystemMediaStorage(partialMedia);
      for (const [key, mimeType] of keys) {
        if (await to.get(key)) continue;
        const bytes = await from.get(key);
        if (bytes) await to.put(key, bytes, mimeType);
        else missingMedia.push(key);
      }
      // Images uploaded after the snapshot belong to the next backup.
      for (const path of await filesUnder(partialMedia)) if (!keys.has(basename(path))) await rm(path);
      await rename(partialMedia, mediaFolderOf(input.file));
    }
    copy.close();
    await rename(partial, input.file);
    return { file: input.file, rows, media: input.mediaDir ? keys.size - missingMedia.length : "bucket", missingMedia, milliseconds: Date.now() - started };
  } catch (error) {
    copy.close();
    await rm(partial, { force: true });
    await rm(partialMedia, { recursive: true, force: true });
    throw error;
  } finally {
    source.close();
  }
}

export type RestoreReport = { rows: number; media: number };

/**
 * Restores the backup `file` into the empty database at `databaseUrl`, and the images of its
 * `<file>.medias/` folder into `storage`. Refuses a backup that fails PRAGMA integrity_check, and a
 * target that already holds tables (nothing is merged or overwritten).
 */
export async function restoreCarnet(input: { file: string; databaseUrl: string; authToken?: string; storage: MediaStorage }): Promise<RestoreReport> {
  if (!(await exists(input.file))) throw new BackupError(`${input.file} n'existe pas.`);
  const backup = open(`file:${input.file}`);
  if (isFileUrl(input.databaseUrl)) await mkdir(dirname(input.databaseUrl.slice("file:".length)), { recursive: true });
  const target = open(input.databaseUrl, input.authToken);
  try {
    let problems: string[];
    try {
      problems = await integrityProblems(backup);
    } catch (error) {
      problems = [String((error as Error).message)];
    }
    if (problems.length > 0) throw new BackupError(`La sauvegarde ${input.file} est endommagée (PRAGMA integrity_check) ; rien n'a été restauré :\n${problems.join("\n")}`);

    const existing = await schemaObjects(target);
    if (existing.length > 0) {
      throw new BackupError(
        `La base ${input.databaseUrl} n'est pas vide (${existing.length} tables, index ou déclencheurs) : la restauration n'écrit que dans une base vide, pour ne rien écraser. Créez une base neuve ou indiquez-en une autre avec DATABASE_URL.`,
      );
    }

    const snapshot = await backup.transaction("read");
    let rows = 0;
    try {
      if (isFileUrl(input.databaseUrl)) await runPragmas(target, FAST_FILL);
      for (const count of (await copyDatabase(snapshot, target)).values()) rows += count;
      if (isFileUrl(input.databaseUrl)) await runPragmas(target, AS_DATABASE);
    } finally {
      snapshot.close();
    }
    const after = await integrityProblems(target);
    if (after.length > 0) throw new BackupError(`La base restaurée ne passe pas PRAGMA integrity_check :\n${after.join("\n")}`);

    let media = 0;
    const folder = mediaFolderOf(input.file);
    const saved = fileSystemMediaStorage(folder);
    for (const [key, mimeType] of await storageKeysIn(backup)) {
      const bytes = await saved.get(key);
      if (!bytes) continue;
      await input.storage.put(key, bytes, mimeType);
      media++;
    }
    return { rows, media };
  } finally {
    backup.close();
    target.close();
  }
}
