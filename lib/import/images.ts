import { setTimeout as sleep } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { importedItems, media, type ImportJob } from "@/lib/db/schema";
import { MAX_UPLOAD_BYTES, prepareImage, storageKeyFor } from "@/lib/media/images";
import { mediaStorage, type MediaStorage } from "@/lib/media/storage";
import type { ImportProblem } from "@/lib/db/schema";
import type { ImageLocalizer } from "./importer";
import { safeFetch } from "./safe-fetch";

// Images of imported posts are brought into the blog's media the way an upload is: checked, re-encoded
// without their metadata, stored under a key made from their bytes. Each address is fetched once per
// blog (importing again reuses it); a failed fetch is tried three times; an import brings at most
// MAX_IMAGES_PER_IMPORT images and MAX_IMAGE_BYTES_PER_IMPORT bytes. An image left out is reported by
// its name and keeps its original address in the post.

export const MAX_IMAGES_PER_IMPORT = 2_000;
export const MAX_IMAGE_BYTES_PER_IMPORT = 1024 * 1024 * 1024;
const ATTEMPTS = 3;

/** The file name of an image address, for the report ("semis.png"). */
export function imageName(address: string): string {
  try {
    return decodeURIComponent(new URL(address).pathname.split("/").pop() || address).slice(0, 200);
  } catch {
    return address.slice(0, 200);
  }
}

async function knownImage(blogId: number, address: string): Promise<{ mediaId: number; storageKey: string } | null> {
  const [row] = await db
    .select({ mediaId: media.id, storageKey: media.storageKey })
    .from(importedItems)
    .innerJoin(media, and(eq(media.id, importedItems.localId), eq(media.blogId, importedItems.blogId)))
    .where(and(eq(importedItems.blogId, blogId), eq(importedItems.entity, "media"), eq(importedItems.sourceKey, address)))
    .limit(1);
  return row ?? null;
}

async function storeImage(input: { blogId: number; userId: string; address: string; bytes: Uint8Array }, storage: MediaStorage) {
  const prepared = await prepareImage(input.bytes);
  if (!prepared.ok) return prepared;
  const image = prepared.image;
  const storageKey = storageKeyFor(input.blogId, image);
  await storage.put(storageKey, image.bytes, image.mimeType);
  await db
    .insert(media)
    .values({
      blogId: input.blogId,
      uploaderId: input.userId,
      storageKey,
      mimeType: image.mimeType,
      byteSize: image.bytes.byteLength,
      width: image.width,
      height: image.height,
      alt: "",
    })
    .onConflictDoNothing({ target: media.storageKey });
  const [row] = await db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.blogId, input.blogId), eq(media.storageKey, storageKey)));
  if (!row) throw new Error(`media key ${storageKey} is taken by another blog`);
  await db
    .insert(importedItems)
    .values({ blogId: input.blogId, entity: "media", sourceKey: input.address, localId: row.id })
    .onConflictDoUpdate({ target: [importedItems.blogId, importedItems.entity, importedItems.sourceKey], set: { localId: row.id } });
  return { ok: true as const, mediaId: row.id, storageKey };
}

/** The image fetcher of one import job. */
export function createImageLocalizer(
  job: Pick<ImportJob, "blogId" | "userId">,
  options: { allowPrivate?: boolean; storage?: MediaStorage; retryDelayMs?: number } = {},
): ImageLocalizer {
  let count = 0;
  let bytes = 0;
  const failed = new Set<string>();
  const storage = options.storage ?? mediaStorage();
  return async (address): ReturnType<ImageLocalizer> => {
    const name = imageName(address);
    const refused = (key: string, values: Record<string, string | number> = {}) => ({ ok: false as const, problem: { key: `import.problems.image.${key}`, values: { name, ...values } } satisfies ImportProblem });
    const known = await knownImage(job.blogId, address);
    if (known) return { ok: true, ...known };
    if (failed.has(address)) return refused("unreachable");
    if (count >= MAX_IMAGES_PER_IMPORT || bytes >= MAX_IMAGE_BYTES_PER_IMPORT) {
      return refused("limit", { max: MAX_IMAGES_PER_IMPORT });
    }
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const fetched = await safeFetch(address, { maxBytes: MAX_UPLOAD_BYTES, allowPrivate: options.allowPrivate, accept: "image/*" });
      if (fetched.ok) {
        count += 1;
        bytes += fetched.body.byteLength;
        if (!job.userId) break;
        const stored = await storeImage({ blogId: job.blogId, userId: job.userId, address, bytes: fetched.body }, storage);
        if (stored.ok) return stored;
        failed.add(address);
        return refused("unreadable");
      }
      // Only what may pass is tried again: a server error or no answer.
      const transient = fetched.problem === "unreachable" || (fetched.problem === "status" && (fetched.status ?? 0) >= 500);
      if (!transient) {
        failed.add(address);
        return refused(fetched.problem, { status: fetched.status ?? 0 });
      }
      if (attempt < ATTEMPTS) await sleep((options.retryDelayMs ?? 1000) * attempt);
    }
    failed.add(address);
    return refused("unreachable");
  };
}
