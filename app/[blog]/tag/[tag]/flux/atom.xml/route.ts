import { feedResponse } from "@/lib/feeds/respond";

// Static, like the reader pages: rebuilt when the blog's posts change (blogPostsTag) or after an hour.
export const dynamic = "force-static";
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ blog: string; tag: string }> }) {
  const { blog, tag } = await params;
  return feedResponse({ blogSlug: blog, term: { kind: "tag", slug: tag }, format: "atom" });
}
