import type { PublicBlog } from "@/lib/blogs/queries";
import { feedPath, FEED_CONTENT_TYPES } from "@/lib/feeds/paths";
import type { Translator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

/**
 * Feed autodiscovery: <link rel="alternate"> for the blog's feeds, and a category's own when the page
 * is one of its listings. React places <link> elements in the document's <head> wherever they render.
 */
export function FeedLinks({ blog, category, t }: { blog: PublicBlog; category?: { slug: string; name: string }; t: Translator }) {
  const feeds: { slug?: string; title: string }[] = [{ title: blog.title }];
  if (category) feeds.unshift({ slug: category.slug, title: t("audience.feedCategoryTitle", { blog: blog.title, category: category.name }) });
  return (
    <>
      {feeds.flatMap((feed) => [
        <link
          key={`rss-${feed.slug ?? ""}`}
          rel="alternate"
          type={FEED_CONTENT_TYPES.rss}
          title={t("audience.feedRssTitle", { title: feed.title })}
          href={blogUrl(blog.slug, feedPath("rss", feed.slug))}
        />,
        <link
          key={`atom-${feed.slug ?? ""}`}
          rel="alternate"
          type={FEED_CONTENT_TYPES.atom}
          title={t("audience.feedAtomTitle", { title: feed.title })}
          href={blogUrl(blog.slug, feedPath("atom", feed.slug))}
        />,
      ])}
    </>
  );
}
