import { revalidateTag, updateTag } from "next/cache";
import { blogPostsTag, platformPostsTag, postTag } from "@/lib/cache-tags";

/**
 * The tags a change to a post touches: the post's page, and everything that lists the blog's posts
 * (home, months, categories, tags, feeds, and the sidebar's archive counts, which sit on every page of
 * that blog), plus the platform's home when a public post changes. Other blogs are untouched.
 */
export function postChangeTags(post: { blogId: number; postId: number; public: boolean }): string[] {
  return [postTag(post.postId), blogPostsTag(post.blogId), ...(post.public ? [platformPostsTag()] : [])];
}

/** From a server action: the author sees their change on the next load. */
export function expirePostPagesNow(post: { blogId: number; postId: number; public: boolean }): void {
  for (const tag of postChangeTags(post)) updateTag(tag);
}

/** From a route handler (the scheduler): no stale page is served after this. */
export function expirePostPagesFromRoute(post: { blogId: number; postId: number; public: boolean }): void {
  for (const tag of postChangeTags(post)) revalidateTag(tag, { expire: 0 });
}
