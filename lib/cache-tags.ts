// Every cache tag of the reader pages, built from stable ids. A write revalidates exactly the tags it touched.

/** The blog record looked up by its address (title, language, settings; also "no such blog"). */
export const blogSlugTag = (slug: string) => `blog-slug:${slug}`;

/** Anything listing a blog's posts: home, archives, categories, tags, feeds, sidebar counts. */
export const blogPostsTag = (blogId: number) => `blog-posts:${blogId}`;

/** One post's page content. */
export const postTag = (postId: number) => `post:${postId}`;

/** The approved comments of one post. */
export const postCommentsTag = (postId: number) => `post-comments:${postId}`;

/** The confirmed subscriber count of a blog. */
export const blogSubscribersTag = (blogId: number) => `blog-subscribers:${blogId}`;

/** The visitor total of a blog. */
export const blogViewsTag = (blogId: number) => `blog-views:${blogId}`;

/** The platform home page's list of recent posts across blogs. */
export const platformPostsTag = () => "platform-posts";
