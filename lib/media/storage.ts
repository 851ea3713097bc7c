import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { env } from "@/lib/env";

/**
 * Where the bytes of uploaded images live. The database says which blog a key belongs to and its type;
 * a storage only keeps bytes under keys, so that a bucket could replace the folder without other changes.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

// Keys are made by Carnet (a content hash and an extension); anything else never reaches the file system.
const STORAGE_KEY_PATTERN = /^[a-f0-9]{32}\.(?:jpg|png|webp|gif)$/;

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY_PATTERN.test(key);
}

function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error(`not a media storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A folder on disk; files are spread over sub-folders named after the first two characters of their key. */
export function fileSystemMediaStorage(root: string): MediaStorage {
  const pathOf = (key: string) => join(root, key.slice(0, 2), checkedKey(key));
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      // Written aside then renamed: a reader never gets half a file.
      const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

let shared: MediaStorage | undefined;

/** The storage of this instance: the MEDIA_DIR folder (data/uploads by default). */
export function mediaStorage(): MediaStorage {
  // Chosen at run time by the operator: the bundler must not try to trace what lies there.
  shared ??= fileSystemMediaStorage(isAbsolute(env.MEDIA_DIR) ? env.MEDIA_DIR : join(/* turbopackIgnore: true */ process.cwd(), env.MEDIA_DIR));
  return shared;
}
