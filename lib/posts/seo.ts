// « Référencement »: what search engines show of a post, within the lengths their results display.

/** A search engine's result shows about this many characters of a title… */
export const SEO_TITLE_MAX = 70;
/** …and of a description. */
export const SEO_DESCRIPTION_MAX = 160;

/** The <title>, description and shared-link title of an article: the blogger's own words when written. */
export function articleSeo(post: { title: string; excerpt: string; seoTitle: string | null; seoDescription: string | null }, blogTitle: string) {
  return {
    title: post.seoTitle ?? `${post.title} — ${blogTitle}`,
    shareTitle: post.seoTitle ?? post.title,
    description: post.seoDescription ?? post.excerpt,
  };
}
