import type { Metadata } from "next";
import { formatLongDate } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import { readPlatformPosts } from "@/lib/reader/cached-reads";
import { blogUrl, platformUrl } from "@/lib/urls";

// Rendered per request, not at build: its links carry the address the server is started with.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  alternates: { canonical: platformUrl("/") },
};

export default async function PlatformHome() {
  const posts = await readPlatformPosts(12);
  return (
    <>
      <section aria-labelledby="accueil-titre" className="rounded-2xl bg-stone-900 px-6 py-12 text-stone-100 sm:px-10">
        <h1 id="accueil-titre" className="font-serif text-4xl font-bold text-white">
          Votre blog, simplement.
        </h1>
        <p className="mt-4 max-w-2xl text-lg">
          Carnet héberge votre blog : vous écrivez, vos lecteurs commentent et s’abonnent, les pages s’affichent en un
          éclair. Sans publicité et sans traçage.
        </p>
        <p className="mt-8">
          <a
            href={platformUrl("/creer-mon-blog")}
            className="inline-block rounded-lg bg-amber-800 px-6 py-3 text-lg font-semibold text-white no-underline hover:bg-amber-900"
          >
            Créer mon blog
          </a>
        </p>
      </section>
      <section aria-labelledby="recents-titre" className="mt-12">
        <h2 id="recents-titre" className="mb-6 font-serif text-2xl font-bold">
          Derniers articles publiés sur Carnet
        </h2>
        {posts.length === 0 ? (
          <p>Aucun article publié pour l’instant.</p>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2">
            {posts.map((post) => (
              <li key={`${post.blogSlug}/${post.slug}`} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
                <p className="text-sm text-[var(--color-muted)]">
                  <a href={blogUrl(post.blogSlug, "/")}>{post.blogTitle}</a> ·{" "}
                  {formatLongDate(post.publishedAt, post.language, post.timeZone)}
                </p>
                <h3 className="mt-1 font-serif text-xl font-bold">
                  <a href={blogUrl(post.blogSlug, articlePath(post, post.timeZone))} className="text-[var(--color-ink)]">
                    {post.title}
                  </a>
                </h3>
                <p className="mt-2 text-sm leading-relaxed">{post.excerpt}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
