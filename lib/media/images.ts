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
  return startsWithSvgElement(new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, SVG_SNIFF_BYTES)).toLowerCase()) ? "svg" : null;
}

// An SVG file's root element comes after its prolog; only this much of a file is read to find it.
const SVG_SNIFF_BYTES = 4096;

/**
 * Whether a text opens with an <svg> element after an XML prolog: white space, an XML declaration or
 * processing instructions, comments and a doctype, in any number. One pass from left to right (each
 * search starts where the last one ended), so no input can make it backtrack.
 */
function startsWithSvgElement(text: string): boolean {
  let position = 0;
  for (;;) {
    while (position < text.length && (/\s/u.test(text[position]!) || text[position] === "\ufeff")) position++;
    const closing = text.startsWith("<!--", position) ? "-->" : text.startsWith("<?", position) ? "?>" : text.startsWith("<!doctype", position) ? ">" : null;
    if (closing === null) break;
    const end = text.indexOf(closing, position + 2);
    if (end < 0) return false;
    position = end + closing.length;
  }
  if (!text.startsWith("<svg", position)) return false;
  const after = text[position + 4];
  return after === undefined || after === ">" || after === "/" || /\s/u.test(after);
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
