import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

// The database and the server's secret are read by Carnet's own process and nobody else on the
// machine: files 0600, Carnet's data folder 0700. Files made by an earlier version (0644 under the
// usual umask) are tightened when the server starts.

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIRECTORY_MODE = 0o700;

/** Carnet's own data folder (`data/` of the working directory): the secret, and the database by default. */
export function dataDirectory(): string {
  return join(process.cwd(), "data");
}

function takeAwayOthersAccess(path: string, mode: number): void {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch (error) {
    // Owned by someone else (a mounted volume, say): Carnet still runs, the operator is told.
    console.warn(`[fichiers] impossible de restreindre les droits de ${path} :`, error instanceof Error ? error.message : error);
  }
}

/**
 * Creates `directory` (and its parents) if missing, the last one 0700. An existing folder is tightened
 * only when it is Carnet's own data folder: a database put in a folder of the operator's leaves that
 * folder's rights alone.
 */
export function ensurePrivateDirectory(directory: string): void {
  if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  else if (resolve(directory) === dataDirectory()) takeAwayOthersAccess(directory, PRIVATE_DIRECTORY_MODE);
}

/** Creates `file` empty with mode 0600 if missing; takes group and others' rights from an existing one. */
export function ensurePrivateFile(file: string): void {
  try {
    // "wx": never truncates what another process has just written.
    closeSync(openSync(file, "wx", PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    takeAwayOthersAccess(file, PRIVATE_FILE_MODE);
  }
}

/** Tightens `file` if it exists (SQLite's -wal and -shm files take the database's mode when created). */
export function tightenIfPresent(file: string): void {
  if (existsSync(file)) takeAwayOthersAccess(file, PRIVATE_FILE_MODE);
}

/** At start: the data folder and the secret an earlier version left readable by others are tightened. */
export function tightenDataDirectory(): void {
  const directory = dataDirectory();
  if (!existsSync(directory)) return;
  takeAwayOthersAccess(directory, PRIVATE_DIRECTORY_MODE);
  tightenIfPresent(join(directory, "secret"));
}
