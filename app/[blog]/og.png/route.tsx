import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { readBlog } from "@/lib/reader/cached-reads";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { shareImageResponse } from "@/lib/seo/share-image";
import { blogUrl } from "@/lib/urls";

// The blog's sharing image (home, listings): generated once, then served from the cache.
export const dynamic = "force-static";
export const revalidate = 86400;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const slug = (await params).blog;
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  if (!blog) return new Response("Image introuvable\n", { status: 404 });
  return shareImageResponse({
    title: blog.description || blog.title,
    blogTitle: blog.title,
    footer: blogUrl(blog.slug, "/").replace(/^https?:\/\//, "").replace(/\/$/, ""),
    accentColor: safeAccentColor(blog.settings.accentColor),
  });
}
