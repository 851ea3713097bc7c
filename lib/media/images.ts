import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";

/** The largest file a blogger may upload. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** Wider images are scaled down to this width (a blog column is far narrower) and stored as WebP. */
export const MAX_DISPLAY_WIDTH = 1600;
// Decoded size cap (all frames together): a tiny file may describe a gigantic image.
export const MAX_DECODED_PIXELS = 40_000_000;

export type ImageFormat = "jpeg" | "png" | "webp" | "gif";
export type ImageProblem = "empty" | "tooLarge" | "svg" | "unsupportedType" | "unreadable" | "tooManyPixels";

export type PreparedImage = {
  bytes: Uint8Array;
  mimeType: `image/${ImageFormat}`;
  extension: "jpg" | "png" | "webp" | "gif";
  width: number;
  height: number;
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The format of an upload, read from its first bytes (never from its name or the browser's claim).
 * "svg" is recognised only to be refused with its own message.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | "svg" | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096)).toLowerCase();
  if (/^[\s\ufeff]*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(head)) return "svg";
  return null;
}

const MIME_TYPES: Record<ImageFormat, PreparedImage["mimeType"]> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};
const EXTENSIONS: Record<ImageFormat, PreparedImage["extension"]> = { jpeg: "jpg", png: "png", webp: "webp", gif: "gif" };

/**
 * Checks an upload and makes the file Carnet will serve: re-encoded without its metadata (camera, GPS),
 * turned the right way up, and scaled down to MAX_DISPLAY_WIDTH as WebP when wider.
 */
export async function prepareImage(bytes: Uint8Array): Promise<{ ok: true; image: PreparedImage } | { ok: false; problem: ImageProblem }> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, problem: "tooLarge" };
  const format = sniffImageFormat(bytes);
  if (format === "svg") return { ok: false, problem: "svg" };
  if (format === null) return { ok: false, problem: "unsupportedType" };

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  // The header must agree with the signature: a GIF signature on something else is not a GIF.
  if (metadata.format !== format || !metadata.width || !metadata.height) return { ok: false, problem: "unreadable" };
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (metadata.width * frameHeight * frames > MAX_DECODED_PIXELS) return { ok: false, problem: "tooManyPixels" };

  const animated = frames > 1;
  try {
    let pipeline = sharp(bytes, { animated, limitInputPixels: MAX_DECODED_PIXELS, failOn: "error" });
    if (!animated) pipeline = pipeline.autoOrient();
    let outputFormat: ImageFormat = format;
    if (metadata.width > MAX_DISPLAY_WIDTH) {
      pipeline = pipeline.resize({ width: MAX_DISPLAY_WIDTH, withoutEnlargement: true }).webp({ quality: 82 });
      outputFormat = "webp";
    } else if (format === "jpeg") {
      pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
    } else if (format === "png") {
      pipeline = pipeline.png({ compressionLevel: 9 });
    } else if (format === "webp") {
      pipeline = pipeline.webp({ quality: 85 });
    } else {
      pipeline = pipeline.gif();
    }
    // sharp writes no metadata unless asked (withMetadata/keepExif): the output carries none.
    const output = await pipeline.toBuffer();
    const written = await sharp(output).metadata();
    return {
      ok: true,
      image: {
        bytes: output,
        mimeType: MIME_TYPES[outputFormat],
        extension: EXTENSIONS[outputFormat],
        width: written.width ?? metadata.width,
        height: written.pageHeight ?? written.height ?? frameHeight,
      },
    };
  } catch {
    return { ok: false, problem: "unreadable" };
  }
}

/** A key made from the blog and the stored bytes: the same image gives the same address, forever. */
export function storageKeyFor(blogId: number, image: Pick<PreparedImage, "bytes" | "extension">): string {
  const hash = createHash("sha256").update(`${blogId}:`).update(image.bytes).digest("hex").slice(0, 32);
  return `${hash}.${image.extension}`;
}
