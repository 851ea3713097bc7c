import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { readBlog, readSitemapEntries } from "@/lib/reader/cached-reads";
import { buildBlogSitemap } from "@/lib/seo/sitemap";
import { blogUrl } from "@/lib/urls";

// Static, rebuilt when the blog's posts change (blogPostsTag, through its cached read) or after an hour.
export const dynamic = "force-static";
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const slug = (await params).blog;
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  if (!blog) return new Response("Plan du site introuvable\n", { status: 404 });
  const entries = await readSitemapEntries(blog.id);
  const xml = buildBlogSitemap({ absolute: (path) => blogUrl(blog.slug, path), timeZone: blog.timeZone, entries });
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
