import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CategoryListing } from "@/components/blog/category-listing";
import { parsePageNumber } from "@/lib/reader/blog-page";
import { categoryMetadata, loadCategoryOrNotFound } from "@/lib/reader/category-page";

type Params = { blog: string; category: string; n: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return categoryMetadata(await params);
}

export default async function CategoryPagedPage({ params }: Props) {
  const { n, ...rest } = await params;
  const page = parsePageNumber(n);
  if (page === null) notFound();
  const { blog, category } = await loadCategoryOrNotFound(rest);
  return <CategoryListing blog={blog} category={category} page={page} />;
}
