import { termFeedRoute } from "@/lib/feeds/respond";

// Static, like the reader pages: rebuilt when the blog's posts change (blogPostsTag) or after an hour.
export const dynamic = "force-static";
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export const GET = termFeedRoute("category", "atom");
