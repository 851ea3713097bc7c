import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { formatLongDate } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import { readBlog, readPost } from "@/lib/reader/cached-reads";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { shareImageResponse } from "@/lib/seo/share-image";

type Params = { blog: string; year: string; month: string; day: string; slug: string };

// An article's sharing image: generated on its first request, then cached like the article (its
// title and the blog's colour come through cached reads, so editing either regenerates it).
export const dynamic = "force-static";
export const revalidate = 86400;

export function generateStaticParams(): Params[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<Params> }) {
  const { blog: blogSlug, year, month, day, slug } = await params;
  const blog = isWellFormedBlogSlug(blogSlug) ? await readBlog(blogSlug) : null;
  const post = blog && /^[a-z0-9-]{1,120}$/.test(slug) ? await readPost({ blogId: blog.id, slug }) : null;
  if (!blog || !post || articlePath(post, blog.timeZone) !== `/archives/${year}/${month}/${day}/${slug}`) {
    return new Response("Image introuvable\n", { status: 404 });
  }
  return shareImageResponse({
    title: post.title,
    blogTitle: blog.title,
    footer: formatLongDate(post.publishedAt, blog.language, blog.timeZone),
    accentColor: safeAccentColor(blog.settings.accentColor),
  });
}
