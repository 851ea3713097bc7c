import type { Metadata } from "next";
import "../globals.css";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { readBlog } from "@/lib/reader/cached-reads";
import { BlogNotFoundPage, UnknownBlogPage } from "@/components/blog/blog-not-found";
import { NotFoundSlot } from "@/components/blog/not-found-slot";

// The blog's own icons (app/[blog]/favicon.ico, apple-touch-icon.png), addressed on the blog's host.
export const metadata: Metadata = { icons: { icon: "/favicon.ico", apple: "/apple-touch-icon.png" } };

// A blog's reader pages. The blog's language sets <html lang>; pages render their own shell
// (they know whether "Editer l'article" belongs in the platform bar). The 404 is prepared here, where
// the blog is known.
export default async function BlogLayout({ children, params }: { children: React.ReactNode; params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
  return (
    <html lang={blog?.language ?? "fr"}>
      <body className="min-h-screen font-sans antialiased">
        <NotFoundSlot page={blog ? <BlogNotFoundPage blog={blog} /> : <UnknownBlogPage slug={slug} />}>{children}</NotFoundSlot>
      </body>
    </html>
  );
}
