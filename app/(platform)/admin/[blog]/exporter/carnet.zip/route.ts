import { Readable } from "node:stream";
import { blogRoute, downloadHeaders } from "@/lib/actions/route";
import { streamBlogExport } from "@/lib/export/blog-zip";

// « Exporter mon blog »: the whole blog as a zip, for its owners only, streamed as it is written.
export const dynamic = "force-dynamic";

export const GET = blogRoute({
  permission: "blog.export",
  page: (slug) => `/admin/${slug}/exporter`,
  refusal: "leaving.exportNotAllowed",
  async run({ member, t }) {
    const zip = await streamBlogExport(member.id);
    if (!zip) return { response: new Response(t("leaving.exportNotFound"), { status: 404 }) };
    const day = new Date().toISOString().slice(0, 10);
    return { response: new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, { headers: downloadHeaders("application/zip", `carnet-${member.slug}-${day}.zip`) }) };
  },
});
