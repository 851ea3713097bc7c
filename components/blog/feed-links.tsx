import type { PublicBlog } from "@/lib/blogs/queries";
import { feedPath, FEED_CONTENT_TYPES } from "@/lib/feeds/paths";
import type { Translator } from "@/lib/i18n";
import { termFeedTitle, termPath, type Term } from "@/lib/reader/term-page";
import { blogUrl } from "@/lib/urls";

/**
 * Feed autodiscovery: <link rel="alternate"> for the blog's feeds, and a category's or a tag's own when
 * the page is one of its listings. React places <link> elements in the document's <head> wherever they render.
 */
export function FeedLinks({ blog, term, t }: { blog: PublicBlog; term?: Pick<Term, "kind" | "slug" | "name">; t: Translator }) {
  const feeds: { path: string; title: string }[] = [{ path: "", title: blog.title }];
  if (term) feeds.unshift({ path: termPath(term), title: termFeedTitle(term, blog, t) });
  return (
    <>
      {feeds.flatMap((feed) => [
        <link
          key={`rss-${feed.path}`}
          rel="alternate"
          type={FEED_CONTENT_TYPES.rss}
          title={t("audience.feedRssTitle", { title: feed.title })}
          href={blogUrl(blog.slug, feedPath("rss", feed.path))}
        />,
        <link
          key={`atom-${feed.path}`}
          rel="alternate"
          type={FEED_CONTENT_TYPES.atom}
          title={t("audience.feedAtomTitle", { title: feed.title })}
          href={blogUrl(blog.slug, feedPath("atom", feed.path))}
        />,
      ])}
    </>
  );
}
