import { headers } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { NotFoundFromLayout } from "@/components/blog/not-found-slot";
import { feedForOldPath } from "@/lib/import/old-addresses";
import { OLD_QUERY_SEGMENT } from "@/lib/import/old-paths";
import { articlePath } from "@/lib/posts/paths";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { readOldAddress } from "@/lib/reader/cached-reads";
import { NOT_FOUND_PAGE_HEADER } from "@/lib/reader/not-found-page";

type Props = { params: Promise<{ blog: string; rest: string[] }> };

function requestedPath(rest: string[]): string {
  const [first, key, value] = rest;
  if (first === OLD_QUERY_SEGMENT && key && value && rest.length === 3) return `/?${key}=${value}`;
  return `/${rest.join("/")}`;
}

// Any other address on a blog's host: an address the blog had before it was imported (a post or a
// feed) is sent to its new one; anything else is a real 404, rendered by the blog's not-found page.
export default async function UnknownBlogPath({ params }: Props) {
  const { blog: slug, rest } = await params;
  // The blog's 404 page as a page of its own, for npm start's server to send in place of Next's empty one.
  if ((await headers()).has(NOT_FOUND_PAGE_HEADER)) return <NotFoundFromLayout />;
  const blog = await loadBlogOrNotFound(slug);
  const path = requestedPath(rest);
  const feed = feedForOldPath(path);
  if (feed) permanentRedirect(feed);
  const post = await readOldAddress({ blogId: blog.id, paths: [path] });
  if (post) permanentRedirect(articlePath(post, blog.timeZone));
  notFound();
}
