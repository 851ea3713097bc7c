import { Readable } from "node:stream";
import { downloadHeaders, ownerBlogForDownload } from "@/lib/blogs/access";
import { streamBlogExport } from "@/lib/export/blog-zip";

// « Exporter mon blog »: the whole blog as a zip, for its owners only, streamed as it is written.
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const blog = await ownerBlogForDownload(slug, `/admin/${slug}/exporter`, "Seuls les propriétaires du blog peuvent l'exporter.");
  if (blog instanceof Response) return blog;
  const zip = await streamBlogExport(blog.id);
  if (!zip) return new Response("Blog introuvable.", { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, { headers: downloadHeaders("application/zip", `carnet-${blog.slug}-${day}.zip`) });
}
