import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HomeListing } from "@/components/blog/home-listing";
import { getTranslator } from "@/lib/i18n";
import { homePath } from "@/lib/posts/paths";
import { loadBlogOrNotFound, parsePageNumber } from "@/lib/reader/blog-page";
import { readerMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ blog: string; n: string }> };

export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog: slug, n } = await params;
  const blog = await loadBlogOrNotFound(slug);
  const page = parsePageNumber(n) ?? 1;
  return readerMetadata({
    blog,
    path: homePath(page),
    title: getTranslator(blog.language)("blog.homeTitlePaged", { title: blog.title, page }),
    description: blog.description || blog.title,
  });
}

export default async function BlogHomePage({ params }: Props) {
  const { blog: slug, n } = await params;
  const blog = await loadBlogOrNotFound(slug);
  const page = parsePageNumber(n);
  if (page === null) notFound();
  return <HomeListing blog={blog} page={page} />;
}
