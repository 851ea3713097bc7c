import { notFound } from "next/navigation";
import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator } from "@/lib/i18n";
import { categoryPath } from "@/lib/posts/paths";
import { readCategoryPosts } from "@/lib/reader/cached-reads";
import { POSTS_PER_PAGE } from "@/lib/reader/blog-page";
import { BlogShell } from "./blog-shell";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

export const categoryPagePath = (slug: string, page: number) =>
  page <= 1 ? categoryPath(slug) : `${categoryPath(slug)}/page/${page}`;

/** A page of a category's published posts, newest first. */
export async function CategoryListing({
  blog,
  category,
  page,
}: {
  blog: PublicBlog;
  category: { id: number; slug: string; name: string };
  page: number;
}) {
  const t = getTranslator(blog.language);
  const { posts, total } = await readCategoryPosts({ blogId: blog.id, categoryId: category.id, page, pageSize: POSTS_PER_PAGE });
  const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  if (page > pages) notFound();
  return (
    <BlogShell blog={blog} feedCategory={category}>
      <h1 className="mb-8 font-serif text-3xl font-bold">{t("blog.categoryTitle", { category: category.name })}</h1>
      <PostList posts={posts} language={blog.language} timeZone={blog.timeZone} t={t} />
      <Pagination page={page} pages={pages} hrefFor={(n) => categoryPagePath(category.slug, n)} t={t} />
    </BlogShell>
  );
}
