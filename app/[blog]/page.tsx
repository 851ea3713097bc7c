import type { Metadata } from "next";
import { HomeListing } from "@/components/blog/home-listing";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { readerMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ blog: string }> };

export const revalidate = 3600;

// Nothing is rendered at build (a build knows nothing of its deployment): each blog's home is rendered
// on its first request, with the addresses of the server that answers, then served from the cache.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const blog = await loadBlogOrNotFound((await params).blog);
  return readerMetadata({ blog, path: "/", title: blog.title, description: blog.description || blog.title });
}

export default async function BlogHome({ params }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  return <HomeListing blog={blog} page={1} />;
}
