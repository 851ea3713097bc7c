import { notFound } from "next/navigation";
import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator } from "@/lib/i18n";
import { readTermPosts } from "@/lib/reader/cached-reads";
import { POSTS_PER_PAGE } from "@/lib/reader/blog-page";
import { termHeading, termPath, type Term } from "@/lib/reader/term-page";
import { BlogShell } from "./blog-shell";
import { Pagination } from "./pagination";
import { PostList } from "./post-list";

export const termPagePath = (term: Pick<Term, "kind" | "slug">, page: number) => (page <= 1 ? termPath(term) : `${termPath(term)}/page/${page}`);

/** A page of a category's or a tag's published posts, newest first. */
export async function TermListing({ blog, term, page }: { blog: PublicBlog; term: Term; page: number }) {
  const t = getTranslator(blog.language);
  const { posts, total } = await readTermPosts({ blogId: blog.id, term, page, pageSize: POSTS_PER_PAGE });
  const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  if (page > pages) notFound();
  return (
    <BlogShell blog={blog} feedTerm={term}>
      <h1 className="mb-8 font-serif text-3xl font-bold">{termHeading(term, t)}</h1>
      <PostList posts={posts} language={blog.language} timeZone={blog.timeZone} t={t} />
      <Pagination page={page} pages={pages} hrefFor={(n) => termPagePath(term, n)} t={t} />
    </BlogShell>
  );
}
