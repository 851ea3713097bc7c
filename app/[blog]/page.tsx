import type { Metadata } from "next";
import { HomeListing } from "@/components/blog/home-listing";
import { listBlogSlugs } from "@/lib/blogs/queries";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { readerMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ blog: string }> };

export const revalidate = 3600;

export async function generateStaticParams() {
  return (await listBlogSlugs(100)).map((blog) => ({ blog }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const blog = await loadBlogOrNotFound((await params).blog);
  return readerMetadata({ blog, path: "/", title: blog.title, description: blog.description || blog.title });
}

export default async function BlogHome({ params }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  return <HomeListing blog={blog} page={1} />;
}
