import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/env";

/**
 * Where the bytes of uploaded images live. The database says which blog a key belongs to and its type;
 * a storage only keeps bytes under keys, so that a bucket could replace the folder without other changes.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** The bytes under `key` as a stream to send, with their length, or null when there are none. */
  open(key: string): Promise<{ body: ReadableStream<Uint8Array>; byteLength: number | undefined } | null>;
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
    async open(key) {
      let file;
      try {
        file = await open(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      // The open descriptor keeps the bytes readable even if the file is deleted meanwhile.
      const { size } = await file.stat();
      const stream = createReadStream("", { fd: file });
      return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, byteLength: size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

const isMissingObject = (error: unknown) => (error as { name?: string }).name === "NoSuchKey";

/** A bucket of an S3-compatible service; objects are named by their key, at the bucket's root. */
export function s3MediaStorage(settings: S3Settings): MediaStorage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
  });
  const Bucket = settings.bucket;
  async function getObject(key: string) {
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw error;
    }
  }
  return {
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: checkedKey(key), Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      const object = await getObject(key);
      return object?.Body ? await object.Body.transformToByteArray() : null;
    },
    async open(key) {
      const object = await getObject(key);
      if (!object?.Body) return null;
      return { body: object.Body.transformToWebStream(), byteLength: object.ContentLength };
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkedKey(key) }));
    },
  };
}

let shared: MediaStorage | undefined;

/** The storage of this instance: the MEDIA_DIR folder (data/uploads by default), or the S3 bucket with MEDIA_STORAGE=s3. */
export function mediaStorage(): MediaStorage {
  shared ??=
    env.MEDIA_STORAGE === "s3"
      ? s3MediaStorage({
          endpoint: env.S3_ENDPOINT,
          // Checked by lib/env: a bucket is required with MEDIA_STORAGE=s3.
          bucket: env.S3_BUCKET ?? "",
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
        })
      : // Chosen at run time by the operator: the bundler must not try to trace what lies there.
        fileSystemMediaStorage(isAbsolute(env.MEDIA_DIR) ? env.MEDIA_DIR : join(/* turbopackIgnore: true */ process.cwd(), env.MEDIA_DIR));
  return shared;
}
