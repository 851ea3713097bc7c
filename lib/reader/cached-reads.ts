import "server-only";
import { unstable_cache } from "next/cache";
import { getBlogBySlug } from "@/lib/blogs/queries";
import {
  blogPostsTag,
  blogSlugTag,
  blogSubscribersTag,
  blogViewsTag,
  platformPostsTag,
  postCommentsTag,
  postTag,
} from "@/lib/cache-tags";
import { listApprovedComments } from "@/lib/comments/queries";
import { listFeedPosts } from "@/lib/feeds/queries";
import { findPostByOldAddress } from "@/lib/import/old-addresses";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";
import {
  getAdjacentPosts,
  getCategoryBySlug,
  getPublicTagBySlug,
  getPublishedPost,
  listCategoriesWithCounts,
  countPublishedPostsByMonth,
  listPublishedPosts,
  listRecentPostsAcrossBlogs,
} from "@/lib/posts/queries";
import { listBlogsForSitemapIndex, listSitemapEntries } from "@/lib/seo/queries";
import { getBlogViewTotal } from "@/lib/stats/queries";

// The reader pages' reads, each cached in Next's data cache under tags from lib/cache-tags.ts, so that
// a static page is rebuilt only when a write revalidates one of the tags it used (or its time is up).

// The visitor total moves all the time; a few minutes of staleness is what the sidebar promises.
const VIEW_TOTAL_SECONDS = 300;

export function readBlog(slug: string) {
  return unstable_cache(() => getBlogBySlug(slug), ["blog-by-slug", slug], { tags: [blogSlugTag(slug)] })();
}

export function readPostPage(input: { blogId: number; page: number; pageSize: number }) {
  return unstable_cache(() => listPublishedPosts(input), ["posts-page", String(input.blogId), String(input.page), String(input.pageSize)], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

/** « Article précédent / suivant »: any post published, moved or unpublished in the blog may change them. */
export function readAdjacentPosts(input: { blogId: number; postId: number; publishedAt: number }) {
  return unstable_cache(() => getAdjacentPosts(input), ["adjacent-posts", String(input.blogId), String(input.postId), String(input.publishedAt)], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

export function readMonthPosts(input: { blogId: number; range: { start: number; end: number } }) {
  return unstable_cache(
    () => listPublishedPosts({ ...input, page: 1, pageSize: 500 }),
    ["posts-month", String(input.blogId), String(input.range.start), String(input.range.end)],
    { tags: [blogPostsTag(input.blogId)] },
  )();
}

type TermRef = { kind: "category" | "tag"; id: number };

/** The condition of the posts queries that keeps a category's or a tag's posts. */
const termFilter = (term: TermRef | undefined) => (!term ? {} : term.kind === "category" ? { categoryId: term.id } : { tagId: term.id });

/** A page of the posts of a category or of a tag. */
export function readTermPosts(input: { blogId: number; term: TermRef; page: number; pageSize: number }) {
  const { blogId, term, page, pageSize } = input;
  return unstable_cache(
    () => listPublishedPosts({ blogId, page, pageSize, ...termFilter(term) }),
    [`posts-${term.kind}`, String(blogId), String(term.id), String(page), String(pageSize)],
    { tags: [blogPostsTag(blogId)] },
  )();
}

export function readCategory(input: { blogId: number; slug: string }) {
  return unstable_cache(() => getCategoryBySlug(input), ["category", String(input.blogId), input.slug], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

/** A tag is public while a published post carries it: any change to the blog's posts may change that. */
export function readTag(input: { blogId: number; slug: string }) {
  return unstable_cache(() => getPublicTagBySlug(input), ["tag", String(input.blogId), input.slug], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

export function readPost(input: { blogId: number; slug: string }) {
  // The post's id is only known once read, so the blog's posts tag covers it; writes to the post
  // revalidate both that tag and postTag(id).
  return unstable_cache(
    async () => getPublishedPost(input),
    ["post", String(input.blogId), input.slug],
    { tags: [blogPostsTag(input.blogId)] },
  )();
}

export function readOldAddress(input: { blogId: number; paths: string[] }) {
  // An import adds old addresses together with their posts, and revalidates the blog's posts tag.
  return unstable_cache(() => findPostByOldAddress(input), ["old-address", String(input.blogId), ...input.paths], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

export function readComments(input: { blogId: number; postId: number }) {
  return unstable_cache(() => listApprovedComments(input), ["comments", String(input.blogId), String(input.postId)], {
    tags: [postCommentsTag(input.postId), postTag(input.postId)],
  })();
}

/** The blog's published posts counted by month: the sidebar's archive, and the pages of its years. */
export function readArchiveMonths(input: { blogId: number; timeZone: string }) {
  return unstable_cache(() => countPublishedPostsByMonth(input.blogId, input.timeZone), ["archive-months", String(input.blogId), input.timeZone], {
    tags: [blogPostsTag(input.blogId)],
  })();
}

export function readSidebar(input: { blogId: number; timeZone: string }) {
  return Promise.all([
    unstable_cache(() => countConfirmedSubscribers(input.blogId), ["subscriber-count", String(input.blogId)], {
      tags: [blogSubscribersTag(input.blogId)],
    })(),
    unstable_cache(() => getBlogViewTotal(input.blogId), ["view-total", String(input.blogId)], {
      tags: [blogViewsTag(input.blogId)],
      revalidate: VIEW_TOTAL_SECONDS,
    })(),
    readArchiveMonths(input),
    unstable_cache(() => listCategoriesWithCounts(input.blogId), ["categories", String(input.blogId)], {
      tags: [blogPostsTag(input.blogId)],
    })(),
  ]).then(([subscriberCount, viewTotal, archiveMonths, categories]) => ({ subscriberCount, viewTotal, archiveMonths, categories }));
}

export function readPlatformPosts(limit: number) {
  return unstable_cache(() => listRecentPostsAcrossBlogs(limit), ["platform-posts", String(limit)], {
    tags: [platformPostsTag()],
  })();
}

/** The posts of the blog's feed, or of a category's or a tag's. */
export function readFeedPosts(input: { blogId: number; term?: TermRef }) {
  const { blogId, term } = input;
  return unstable_cache(() => listFeedPosts({ blogId, ...termFilter(term) }), ["feed-posts", String(blogId), term?.kind ?? "", String(term?.id ?? "")], {
    tags: [blogPostsTag(blogId)],
  })();
}

export function readBlogsForSitemapIndex() {
  return unstable_cache(() => listBlogsForSitemapIndex(), ["sitemap-index"], { revalidate: 3600 })();
}

export function readSitemapEntries(blogId: number) {
  return unstable_cache(() => listSitemapEntries(blogId), ["sitemap", String(blogId)], { tags: [blogPostsTag(blogId)] })();
}
