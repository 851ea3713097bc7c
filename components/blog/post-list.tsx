import type { Language } from "@/lib/db/schema";
import type { Translator } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import type { PostSummary } from "@/lib/posts/queries";
import { PostMeta } from "./post-meta";

/** A listing of posts (home, month, category): date, title, excerpt, comment count, "Lire la suite". */
export function PostList({
  posts,
  language,
  timeZone,
  t,
}: {
  posts: PostSummary[];
  language: Language;
  timeZone: string;
  t: Translator;
}) {
  return (
    <ol className="space-y-10">
      {posts.map((post) => {
        const href = articlePath(post, timeZone);
        return (
          <li key={post.id}>
            <article aria-labelledby={`post-${post.id}`}>
              <PostMeta post={post} language={language} timeZone={timeZone} t={t} />
              <h2 id={`post-${post.id}`} className="mt-1 font-serif text-2xl font-bold leading-snug">
                <a href={href} className="text-[var(--color-ink)] no-underline hover:underline">
                  {post.title}
                </a>
              </h2>
              <p className="mt-2 leading-relaxed">{post.excerpt}</p>
              <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
                <a href={href} aria-label={t("blog.readMoreOf", { title: post.title })} className="font-semibold">
                  {t("blog.readMore")}
                </a>
                <a href={`${href}#commentaires`} className="text-[var(--color-muted)]">
                  {t("blog.comments", { count: post.commentCount })}
                </a>
              </p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}
