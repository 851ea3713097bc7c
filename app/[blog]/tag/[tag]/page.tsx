import type { Metadata } from "next";
import { TermListing } from "@/components/blog/term-listing";
import { loadTermOrNotFound, termMetadata } from "@/lib/reader/term-page";

type Params = { blog: string; tag: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return termMetadata("tag", await params);
}

export default async function TagPage({ params }: Props) {
  const { blog, term } = await loadTermOrNotFound("tag", await params);
  return <TermListing blog={blog} term={term} page={1} />;
}
