import { NotFoundFromLayout } from "@/components/blog/not-found-slot";

// Rendered with status 404 for an unknown blog, post, month, category or page of a blog: the page the
// blog's layout prepared (components/blog/blog-not-found.tsx), in the blog's frame and language.
export default function BlogNotFound() {
  return <NotFoundFromLayout />;
}
