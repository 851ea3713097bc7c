import type { Metadata } from "next";
import { CategoryListing } from "@/components/blog/category-listing";
import { categoryMetadata, loadCategoryOrNotFound } from "@/lib/reader/category-page";

type Params = { blog: string; category: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return categoryMetadata(await params);
}

export default async function CategoryPage({ params }: Props) {
  const { blog, category } = await loadCategoryOrNotFound(await params);
  return <CategoryListing blog={blog} category={category} page={1} />;
}
