/**
 * JSON for a <script type="application/ld+json">: "<", ">" and "&" are escaped as \u003c… so that no
 * text a blogger wrote can close the script element, and U+2028/U+2029 so that it stays valid JavaScript.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** schema.org BlogPosting of an article (https://schema.org/BlogPosting). */
export function blogPostingJsonLd(input: {
  url: string;
  title: string;
  description: string;
  publishedAt: number;
  updatedAt: number;
  authorName: string;
  blogTitle: string;
  blogUrl: string;
  imageUrl: string;
  language: string;
  section: string | null;
  keywords: string[];
}) {
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: input.title.length > 110 ? `${input.title.slice(0, 109)}…` : input.title,
    description: input.description,
    url: input.url,
    mainEntityOfPage: { "@type": "WebPage", "@id": input.url },
    datePublished: new Date(input.publishedAt).toISOString(),
    dateModified: new Date(Math.max(input.updatedAt, input.publishedAt)).toISOString(),
    author: input.authorName ? { "@type": "Person", name: input.authorName } : { "@type": "Organization", name: input.blogTitle },
    publisher: { "@type": "Organization", name: input.blogTitle, url: input.blogUrl },
    isPartOf: { "@type": "Blog", name: input.blogTitle, url: input.blogUrl },
    image: [input.imageUrl],
    inLanguage: input.language,
    ...(input.section ? { articleSection: input.section } : {}),
    ...(input.keywords.length > 0 ? { keywords: input.keywords.join(", ") } : {}),
  };
}
