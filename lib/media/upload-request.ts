import { env } from "@/lib/env";
import { MAX_UPLOAD_BYTES } from "./images";

// Room for the multipart envelope and the alternative text around the file itself.
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * The form of an upload request, read without ever holding more than `limit` bytes: a declared length
 * over the limit is refused before reading, and reading stops as soon as the limit is passed.
 */
export async function readUploadForm(
  request: Request,
  limit = MAX_UPLOAD_REQUEST_BYTES,
): Promise<{ ok: true; form: FormData } | { ok: false; problem: "tooLarge" | "unreadable" }> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, problem: "tooLarge" };
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) return { ok: false, problem: "unreadable" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, problem: "tooLarge" };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, form: await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData() };
  } catch {
    return { ok: false, problem: "unreadable" };
  }
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
