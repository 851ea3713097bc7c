import "server-only";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { getTranslator } from "@/lib/i18n";
import { readBlog, readFeedPosts } from "@/lib/reader/cached-reads";
import { readTerm, termFeedTitle, termPath, type TermKind, type TermParams } from "@/lib/reader/term-page";
import { buildAtom, buildRss, type FeedInput } from "./build";
import { FEED_CONTENT_TYPES, type FeedFormat } from "./paths";

function notFound() {
  return new Response("Flux introuvable\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The RSS or Atom feed of a blog or of one of its categories or tags, as a route handler's response. */
export async function feedResponse(input: { blogSlug: string; term?: { kind: TermKind; slug: string }; format: FeedFormat }): Promise<Response> {
  const blog = isWellFormedBlogSlug(input.blogSlug) ? await readBlog(input.blogSlug) : null;
  if (!blog) return notFound();
  const term = input.term ? await readTerm(input.term.kind, { blogId: blog.id, slug: input.term.slug }) : undefined;
  if (term === null) return notFound();
  const listing = term ? { path: termPath(term), title: termFeedTitle(term, blog, getTranslator(blog.language)) } : undefined;
  const posts = await readFeedPosts({ blogId: blog.id, term });
  const feed: FeedInput = {
    blog: { ...blog, fullText: blog.settings.feedFullText },
    listing,
    posts,
  };
  return new Response(input.format === "rss" ? buildRss(feed) : buildAtom(feed), {
    headers: { "Content-Type": `${FEED_CONTENT_TYPES[input.format]}; charset=utf-8` },
  });
}

/** The GET of a category's or a tag's feed route (app/[blog]/categorie/[category]/flux/…, app/[blog]/tag/[tag]/flux/…). */
export function termFeedRoute<K extends TermKind>(kind: K, format: FeedFormat) {
  return async function GET(_request: Request, { params }: { params: Promise<TermParams<K>> }): Promise<Response> {
    const values = await params;
    return feedResponse({ blogSlug: values.blog, term: { kind, slug: values[kind] }, format });
  };
}
