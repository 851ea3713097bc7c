import { notFound } from "next/navigation";

// Any other address on a blog's host is a real 404, rendered by the blog's not-found page.
export default function UnknownBlogPath(): never {
  notFound();
}
