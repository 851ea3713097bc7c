import { listBlogsForSitemapIndex } from "@/lib/seo/queries";
import { buildSitemapIndex } from "@/lib/seo/sitemap";
import { blogUrl, platformUrl } from "@/lib/urls";

// The platform's sitemap index: its own pages' sitemap and every blog's (a new blog appears within the hour).
export const dynamic = "force-static";
export const revalidate = 3600;

export async function GET() {
  const blogs = await listBlogsForSitemapIndex();
  const xml = buildSitemapIndex([
    { loc: platformUrl("/sitemap-plateforme.xml"), lastmod: null },
    ...blogs.map((blog) => ({ loc: blogUrl(blog.slug, "/sitemap.xml"), lastmod: blog.lastPublishedAt })),
  ]);
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
