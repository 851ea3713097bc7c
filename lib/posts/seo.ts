// « Référencement »: what search engines show of a post, within the lengths their results display.

/** A search engine's result shows about this many characters of a title… */
export const SEO_TITLE_MAX = 70;
/** …and of a description. */
export const SEO_DESCRIPTION_MAX = 160;

/**
 * The WordPress post meta that carry these fields in a WXR file: those of Yoast SEO, the plugin most
 * WordPress blogs use, so that an export opens with them in WordPress and comes back whole into Carnet.
 */
export const WXR_SEO_META = { title: "_yoast_wpseo_title", description: "_yoast_wpseo_metadesc" } as const;

/**
 * A search engine field read from an import: trimmed, within its cap, or null. Yoast's templates
 * (« %%title%% %%sep%% %%sitename%% ») are the plugin's defaults, not words the blogger wrote.
 */
export function importedSeoField(value: string | undefined, max: number): string | null {
  const text = value?.trim().replace(/\s+/g, " ") ?? "";
  return text === "" || text.includes("%%") ? null : text.slice(0, max);
}

/** The <title>, description and shared-link title of an article: the blogger's own words when written. */
export function articleSeo(post: { title: string; excerpt: string; seoTitle: string | null; seoDescription: string | null }, blogTitle: string) {
  return {
    title: post.seoTitle ?? `${post.title} — ${blogTitle}`,
    shareTitle: post.seoTitle ?? post.title,
    description: post.seoDescription ?? post.excerpt,
  };
}
