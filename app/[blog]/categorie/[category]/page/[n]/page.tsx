import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TermListing } from "@/components/blog/term-listing";
import { parsePageNumber } from "@/lib/reader/blog-page";
import { loadTermOrNotFound, termMetadata } from "@/lib/reader/term-page";

type Params = { blog: string; category: string; n: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return termMetadata("category", await params);
}

export default async function CategoryPagedPage({ params }: Props) {
  const { n, ...rest } = await params;
  const page = parsePageNumber(n);
  if (page === null) notFound();
  const { blog, term } = await loadTermOrNotFound("category", rest);
  return <TermListing blog={blog} term={term} page={page} />;
}
