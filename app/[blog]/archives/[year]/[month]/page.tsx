import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BlogShell } from "@/components/blog/blog-shell";
import { PostList } from "@/components/blog/post-list";
import { formatMonth, getTranslator, zonedMonthRange } from "@/lib/i18n";
import { monthPath } from "@/lib/posts/paths";
import { readMonthPosts } from "@/lib/reader/cached-reads";
import { loadBlogOrNotFound, parseRouteNumber } from "@/lib/reader/blog-page";
import { readerMetadata } from "@/lib/seo/metadata";

type Params = { blog: string; year: string; month: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

async function loadMonth(params: Params) {
  const blog = await loadBlogOrNotFound(params.blog);
  const year = parseRouteNumber(params.year, 4, 1990, 2999);
  const month = parseRouteNumber(params.month, 2, 1, 12);
  if (year === null || month === null) notFound();
  const { posts } = await readMonthPosts({ blogId: blog.id, range: zonedMonthRange(year, month, blog.timeZone) });
  // A month without any published post is not a page.
  if (posts.length === 0) notFound();
  return { blog, year, month, posts, label: formatMonth(year, month, blog.language) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog, year, month, label } = await loadMonth(await params);
  const t = getTranslator(blog.language);
  return readerMetadata({
    blog,
    path: monthPath(year, month),
    title: `${t("blog.monthTitle", { month: label })} — ${blog.title}`,
    description: t("blog.monthDescription", { blog: blog.title, month: label }),
  });
}

export default async function MonthArchivePage({ params }: Props) {
  const { blog, posts, label } = await loadMonth(await params);
  const t = getTranslator(blog.language);
  return (
    <BlogShell blog={blog}>
      <h1 className="mb-8 font-serif text-3xl font-bold">{t("blog.monthTitle", { month: label })}</h1>
      <PostList posts={posts} language={blog.language} timeZone={blog.timeZone} t={t} />
    </BlogShell>
  );
}
