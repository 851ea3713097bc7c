import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { getMediaToServe } from "@/lib/media/queries";
import { isStorageKey, mediaStorage } from "@/lib/media/storage";

// <slug>.<root>/medias/<key>: an image of that blog, and of no other. A key names the bytes it serves
// (a hash), so an address never changes content and may be cached for a year.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ blog: string; key: string }> };

const notFound = () =>
  new Response("Image introuvable.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });

export async function GET(request: Request, { params }: Context) {
  const { blog, key } = await params;
  if (!isWellFormedBlogSlug(blog) || !isStorageKey(key)) return notFound();
  const medium = await getMediaToServe({ blogSlug: blog, storageKey: key });
  if (!medium) return notFound();
  const headers = {
    "Content-Type": medium.mimeType,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: `"${key}"`,
    "X-Content-Type-Options": "nosniff",
    // An image opened on its own can run nothing and load nothing.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };
  if (request.headers.get("if-none-match") === headers.ETag) return new Response(null, { status: 304, headers });
  const stored = await mediaStorage().open(key);
  if (!stored) return notFound();
  const response = new Response(stored.body, { headers });
  if (stored.byteLength !== undefined) response.headers.set("Content-Length", String(stored.byteLength));
  return response;
}
