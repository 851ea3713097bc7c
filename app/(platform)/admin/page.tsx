import type { Metadata } from "next";
import { UnverifiedNotice } from "@/components/auth/unverified-notice";
import { requireSessionUser } from "@/lib/auth/session";
import { listMyBlogs } from "@/lib/blogs/admin-queries";
import { formatCount, getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

export const metadata: Metadata = { title: "Mes blogs", robots: { index: false } };

export default async function MyBlogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser("/admin");
  const myBlogs = await listMyBlogs(user.id);
  const blogDeleted = (await searchParams)["blog-supprime"] === "1";
  return (
    <section aria-labelledby="mes-blogs">
      <UnverifiedNotice userId={user.id} />
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 id="mes-blogs" className="font-serif text-3xl font-bold">
          Mes blogs
        </h1>
        <p className="flex gap-4 text-sm">
          <a href="/compte">Mon compte</a>
          <a href="/creer-mon-blog" className="font-semibold">
            + Créer un blog
          </a>
        </p>
      </div>
      {blogDeleted ? (
        <p role="status" className="mb-6 rounded-lg bg-green-50 p-4 text-green-900">
          {getTranslator("fr")("leaving.blogDeleted")}
        </p>
      ) : null}
      {myBlogs.length === 0 ? (
        <p className="rounded-lg bg-white p-6">
          Vous n’avez pas encore de blog. <a href="/creer-mon-blog">Créez le vôtre</a> en une minute.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {myBlogs.map((blog) => (
            <li key={blog.id} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <h2 className="font-serif text-xl font-bold">
                <a href={`/admin/${blog.slug}/articles`}>{blog.title}</a>
              </h2>
              <p className="text-sm text-[var(--color-muted)]">
                <a href={blogUrl(blog.slug, "/")}>{blogUrl(blog.slug, "/")}</a> · {blog.role === "owner" ? "propriétaire" : "auteur"}
              </p>
              <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
                <dt>Articles publiés</dt>
                <dd className="text-right font-semibold">{formatCount(blog.publishedCount, "fr")}</dd>
                <dt>Brouillons et programmés</dt>
                <dd className="text-right font-semibold">{formatCount(blog.draftCount, "fr")}</dd>
                <dt>Commentaires en attente</dt>
                <dd className="text-right font-semibold">{formatCount(blog.pendingComments, "fr")}</dd>
                <dt>Abonnés</dt>
                <dd className="text-right font-semibold">{formatCount(blog.subscriberCount, "fr")}</dd>
                <dt>Visites</dt>
                <dd className="text-right font-semibold">{formatCount(blog.viewTotal, "fr")}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
