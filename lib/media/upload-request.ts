import { env } from "@/lib/env";
import { MAX_UPLOAD_BYTES } from "./images";

// Room for the multipart envelope and the alternative text around the file itself.
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

// What is read of an oversized request, to give back the text typed before the file.
const LEADING_BYTES = 16 * 1024;

export type UploadForm =
  | { ok: true; form: FormData }
  | { ok: false; problem: "unreadable" }
  | { ok: false; problem: "tooLarge"; leadingFields: Record<string, string> };

/**
 * The form of an upload request, read without ever holding more than `limit` bytes: a declared length
 * over the limit is refused after reading only its beginning, and reading stops as soon as the limit is
 * passed. An oversized request still yields the text fields that came before the file.
 */
export async function readUploadForm(request: Request, limit = MAX_UPLOAD_REQUEST_BYTES): Promise<UploadForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) return { ok: false, problem: "unreadable" };
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const readLimit = Number.isFinite(declared) && declared > limit ? LEADING_BYTES : limit;

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > readLimit) {
      await reader.cancel();
      const leading = Buffer.concat(chunks).subarray(0, LEADING_BYTES);
      return { ok: false, problem: "tooLarge", leadingFields: leadingTextFields(leading, contentType) };
    }
  }
  if (readLimit < limit) {
    return { ok: false, problem: "tooLarge", leadingFields: leadingTextFields(Buffer.concat(chunks).subarray(0, LEADING_BYTES), contentType) };
  }
  try {
    return { ok: true, form: await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData() };
  } catch {
    return { ok: false, problem: "unreadable" };
  }
}

/** The text fields whole at the start of a multipart body cut short (files are skipped). */
export function leadingTextFields(leading: Uint8Array, contentType: string): Record<string, string> {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return {};
  // latin1 maps bytes one to one, so that values can be decoded as UTF-8 afterwards.
  const parts = Buffer.from(leading).toString("latin1").split(`--${boundary}`);
  const fields: Record<string, string> = {};
  // The first piece is the preamble; the last one may be cut: only parts followed by a delimiter count.
  for (const part of parts.slice(1, -1)) {
    const separator = part.indexOf("\r\n\r\n");
    if (separator < 0) continue;
    const head = part.slice(0, separator);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name || /filename=/i.test(head)) continue;
    fields[name] = Buffer.from(part.slice(separator + 4).replace(/\r\n$/, ""), "latin1").toString("utf8");
  }
  return fields;
}

/**
 * Whether a form post comes from a page of the platform itself. Server actions check this on their own;
 * a route handler that changes data must do it too, or another site could post to it (CSRF).
 */
export function isPostFromPlatform(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host === new URL(`${env.PUBLIC_PROTOCOL}://${env.ROOT_DOMAIN}`).host;
  } catch {
    return false;
  }
}
