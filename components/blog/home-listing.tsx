import { notFound } from "next/navigation";
import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator } from "@/lib/i18n";
import { homePath } from "@/lib/posts/paths";
import { readPostPage } from "@/lib/reader/cached-reads";
import { POSTS_PER_PAGE } from "@/lib/reader/blog-page";
import { BlogShell } from "./blog-shell";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

/** A page of the blog's home: its latest published posts, newest first. */
export async function HomeListing({ blog, page }: { blog: PublicBlog; page: number }) {
  const t = getTranslator(blog.language);
  const { posts, total } = await readPostPage({ blogId: blog.id, page, pageSize: POSTS_PER_PAGE });
  const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  if (page > pages) notFound();
  return (
    <BlogShell blog={blog}>
      <h1 className="mb-8 font-serif text-xl font-bold uppercase tracking-widest text-[var(--color-muted)]">
        {page === 1 ? t("blog.latestPosts") : t("blog.pageOf", { page, pages })}
      </h1>
      {posts.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-lg">{t("blog.emptyHome")}</p>
      ) : (
        <PostList posts={posts} language={blog.language} timeZone={blog.timeZone} t={t} />
      )}
      <Pagination page={page} pages={pages} hrefFor={homePath} t={t} />
    </BlogShell>
  );
}
