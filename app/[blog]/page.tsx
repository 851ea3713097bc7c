import type { Metadata } from "next";
import { HomeListing } from "@/components/blog/home-listing";
import { listBlogSlugs } from "@/lib/blogs/queries";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { blogUrl } from "@/lib/urls";

type Props = { params: Promise<{ blog: string }> };

export const revalidate = 3600;

export async function generateStaticParams() {
  return (await listBlogSlugs(100)).map((blog) => ({ blog }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const blog = await loadBlogOrNotFound((await params).blog);
  return {
    title: blog.title,
    description: blog.description || blog.title,
    alternates: { canonical: blogUrl(blog.slug, "/") },
  };
}

export default async function BlogHome({ params }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  return <HomeListing blog={blog} page={1} />;
}
