import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { readBlog } from "@/lib/reader/cached-reads";
import { blogUrl } from "@/lib/urls";

export const dynamic = "force-static";
export const revalidate = 86400;

export function generateStaticParams() {
  return [];
}

// A blog's robots.txt: everything may be crawled but search results and the beacon; here is the sitemap.
export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const slug = (await params).blog;
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  const lines = blog
    ? ["User-agent: *", "Allow: /", "Disallow: /recherche", "Disallow: /api/", "", `Sitemap: ${blogUrl(blog.slug, "/sitemap.xml")}`]
    : ["User-agent: *", "Disallow: /"];
  return new Response(`${lines.join("\n")}\n`, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
