import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { media } from "@/lib/db/schema";
import { deleteMedia, uploadMedia } from "@/lib/media/mutations";
import { getMediaToServe } from "@/lib/media/queries";
import { fileSystemMediaStorage, s3MediaStorage, type MediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";
import { startS3Server, type RunningS3 } from "../helpers/s3-server";

let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
});

const KEY = `${"a1b2c3d4".repeat(4)}.png`;
const OTHER_KEY = `${"0f".repeat(16)}.jpg`;
const bytes = new TextEncoder().encode("octets d'une image de la Loire");

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const storages: [string, () => MediaStorage][] = [
  ["a folder on disk", () => fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-medias-")))],
  ["an S3-compatible bucket", () => s3MediaStorage(s3.settings)],
];

describe.each(storages)("media kept in %s", (_name, makeStorage) => {
  it("gives back the bytes it was given, whole or as a stream with their length", async () => {
    const storage = makeStorage();
    await storage.put(KEY, bytes, "image/png");
    expect(new Uint8Array((await storage.get(KEY))!)).toEqual(bytes);
    const opened = await storage.open(KEY);
    expect(opened?.byteLength).toBe(bytes.byteLength);
    expect(await readAll(opened!.body)).toEqual(bytes);
  });

  it("answers null for a key it does not hold, and deleting such a key is no error", async () => {
    const storage = makeStorage();
    expect(await storage.get(OTHER_KEY)).toBeNull();
    expect(await storage.open(OTHER_KEY)).toBeNull();
    await expect(storage.delete(OTHER_KEY)).resolves.toBeUndefined();
  });

  it("forgets the bytes of a deleted key", async () => {
    const storage = makeStorage();
    await storage.put(OTHER_KEY, bytes, "image/jpeg");
    await storage.delete(OTHER_KEY);
    expect(await storage.get(OTHER_KEY)).toBeNull();
  });

  it("refuses a key that Carnet did not make, before reaching the disk or the network", async () => {
    const storage = makeStorage();
    await expect(storage.put("../../etc/passwd", bytes, "image/png")).rejects.toThrow(/not a media storage key/);
    await expect(storage.get("dossier/autre.png")).rejects.toThrow(/not a media storage key/);
  });
});

describe("a blog's images in an S3-compatible bucket", () => {
  it("are uploaded, served and deleted through the real S3 client", async () => {
    const storage = s3MediaStorage(s3.settings);
    const owner = await createUser("Solène Seau");
    const blog = await createBlog("carnet-des-nuages", owner);
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2e86c1" } }).png().toBuffer();

    const uploaded = await uploadMedia({ userId: owner.id, blogId: blog.id, bytes: image, alt: "Un ciel de Bretagne" }, storage);
    if (!uploaded.ok) throw new Error(`upload refused: ${uploaded.problem}`);
    const [row] = await db.select({ storageKey: media.storageKey }).from(media).where(eq(media.id, uploaded.mediaId));
    const served = await getMediaToServe({ blogSlug: blog.slug, storageKey: row!.storageKey });
    expect(served?.mimeType).toBe("image/png");
    const stored = await storage.get(row!.storageKey);
    expect((await sharp(stored!).metadata()).width).toBe(64);

    const deleted = await deleteMedia({ userId: owner.id, blogId: blog.id, mediaId: uploaded.mediaId }, storage);
    expect(deleted.ok).toBe(true);
    expect(await storage.get(row!.storageKey)).toBeNull();
  });
});

describe("the media storage settings", { timeout: 60_000 }, () => {
  const startWith = (variables: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "-e", 'await import("./lib/env.ts")'], {
      env: { ...process.env, ...variables },
    });

  it("stop the start with a message naming S3_BUCKET when MEDIA_STORAGE=s3 has no bucket", async () => {
    await expect(startWith({ MEDIA_STORAGE: "s3" })).rejects.toMatchObject({ stderr: expect.stringContaining("S3_BUCKET") });
  });

  it("stop the start when only one half of the S3 credentials is given", async () => {
    await expect(startWith({ MEDIA_STORAGE: "s3", S3_BUCKET: "medias", S3_ACCESS_KEY_ID: "cle" })).rejects.toMatchObject({
      stderr: expect.stringContaining("S3_SECRET_ACCESS_KEY"),
    });
  });
});
