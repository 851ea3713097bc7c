import "server-only";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { getTranslator } from "@/lib/i18n";
import { readBlog, readCategory, readFeedPosts } from "@/lib/reader/cached-reads";
import { buildAtom, buildRss, type FeedInput } from "./build";
import { FEED_CONTENT_TYPES, type FeedFormat } from "./paths";

function notFound() {
  return new Response("Flux introuvable\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The RSS or Atom feed of a blog or of one of its categories, as a route handler's response. */
export async function feedResponse(input: { blogSlug: string; categorySlug?: string; format: FeedFormat }): Promise<Response> {
  const blog = isWellFormedBlogSlug(input.blogSlug) ? await readBlog(input.blogSlug) : null;
  if (!blog) return notFound();
  let category: FeedInput["category"];
  let categoryId: number | undefined;
  if (input.categorySlug !== undefined) {
    const found = /^[a-z0-9-]{1,80}$/.test(input.categorySlug) ? await readCategory({ blogId: blog.id, slug: input.categorySlug }) : null;
    if (!found) return notFound();
    const t = getTranslator(blog.language);
    category = { slug: found.slug, name: found.name, title: t("audience.feedCategoryTitle", { blog: blog.title, category: found.name }) };
    categoryId = found.id;
  }
  const posts = await readFeedPosts({ blogId: blog.id, categoryId });
  const feed: FeedInput = {
    blog: { ...blog, fullText: blog.settings.feedFullText },
    category,
    posts,
  };
  return new Response(input.format === "rss" ? buildRss(feed) : buildAtom(feed), {
    headers: { "Content-Type": `${FEED_CONTENT_TYPES[input.format]}; charset=utf-8` },
  });
}
