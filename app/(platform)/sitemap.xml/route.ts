import { readBlogsForSitemapIndex } from "@/lib/reader/cached-reads";
import { buildSitemapIndex } from "@/lib/seo/sitemap";
import { blogUrl, platformUrl } from "@/lib/urls";

// The platform's sitemap index: its own pages' sitemap and every blog's (a new blog appears within the hour).
// Rendered per request (its addresses are the running server's), from a list of blogs cached for an hour.
export const dynamic = "force-dynamic";

export async function GET() {
  const blogs = await readBlogsForSitemapIndex();
  const xml = buildSitemapIndex([
    { loc: platformUrl("/sitemap-plateforme.xml"), lastmod: null },
    ...blogs.map((blog) => ({ loc: blogUrl(blog.slug, "/sitemap.xml"), lastmod: blog.lastPublishedAt })),
  ]);
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
