import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Article } from "@/components/blog/article";
import { BlogShell } from "@/components/blog/blog-shell";
import { getTranslator } from "@/lib/i18n";
import { isLinkTokenShape } from "@/lib/link-tokens";
import { getPreviewPost } from "@/lib/posts/queries";
import { articleSeo } from "@/lib/posts/seo";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";

type Props = { params: Promise<{ blog: string; token: string }> };

// The preview link of an unpublished post: rendered for each request and never cached, so that a
// revoked link (or a post published since) answers 404 at once. Kept out of search engines by its
// robots meta and by the X-Robots-Tag header the host routing adds (lib/host-routing.ts).
export const dynamic = "force-dynamic";

/** The blog, and its draft or scheduled post this token opens; a 404 for anything else. */
const loadPreview = cache(async (slug: string, token: string) => {
  const blog = await loadBlogOrNotFound(slug);
  if (!isLinkTokenShape(token)) notFound();
  // Read past the data cache: the link must stop working the moment it is revoked.
  const post = await getPreviewPost({ blogId: blog.id, token, now: Date.now() });
  if (!post) notFound();
  return { blog, post };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog: slug, token } = await params;
  const { blog, post } = await loadPreview(slug, token);
  const { title, description } = articleSeo(post, blog.title);
  return { title, description, robots: { index: false, follow: false } };
}

export default async function PreviewPage({ params }: Props) {
  const { blog: slug, token } = await params;
  const { blog, post } = await loadPreview(slug, token);
  const t = getTranslator(blog.language);
  // No comment form and no view counted: nobody reads this post yet but the people it was sent to.
  return (
    <BlogShell blog={blog} beacon={false}>
      <p className="mb-6 rounded border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950">{t("blog.previewBanner")}</p>
      <Article post={post} blog={blog} t={t} />
    </BlogShell>
  );
}
