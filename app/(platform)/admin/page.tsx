import type { Metadata } from "next";
import { UnverifiedNotice } from "@/components/auth/unverified-notice";
import { requireSessionUser } from "@/lib/auth/session";
import { listMyBlogs } from "@/lib/blogs/admin-queries";
import { formatCount, getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

// The list of a person's blogs belongs to no one blog: it speaks the platform's language, French (a person
// has no language of their own yet).
const t = getTranslator("fr");

export const metadata: Metadata = { title: t("admin.myBlogs"), robots: { index: false } };

export default async function MyBlogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser("/admin");
  const myBlogs = await listMyBlogs(user.id);
  const blogDeleted = (await searchParams)["blog-supprime"] === "1";
  return (
    <section aria-labelledby="mes-blogs">
      <UnverifiedNotice userId={user.id} />
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 id="mes-blogs" className="font-serif text-3xl font-bold">
          {t("admin.myBlogs")}
        </h1>
        <p className="flex gap-4 text-sm">
          <a href="/compte">{t("admin.myBlogsAccount")}</a>
          <a href="/creer-mon-blog" className="font-semibold">
            {t("admin.myBlogsCreate")}
          </a>
        </p>
      </div>
      {blogDeleted ? (
        <p role="status" className="mb-6 rounded-lg bg-green-50 p-4 text-green-900">
          {t("leaving.blogDeleted")}
        </p>
      ) : null}
      {myBlogs.length === 0 ? (
        <p className="rounded-lg bg-white p-6">{t.rich("admin.myBlogsEmpty", { link: (chunks) => <a href="/creer-mon-blog">{chunks}</a> })}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {myBlogs.map((blog) => (
            <li key={blog.id} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <h2 className="font-serif text-xl font-bold">
                <a href={`/admin/${blog.slug}/articles`}>{blog.title}</a>
              </h2>
              <p className="text-sm text-[var(--color-muted)]">
                <a href={blogUrl(blog.slug, "/")}>{blogUrl(blog.slug, "/")}</a> · {blog.role === "owner" ? t("admin.myBlogsRoleOwner") : t("admin.myBlogsRoleAuthor")}
              </p>
              <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
                <dt>{t("admin.myBlogsPublished")}</dt>
                <dd className="text-right font-semibold">{formatCount(blog.publishedCount, "fr")}</dd>
                <dt>{t("admin.myBlogsDrafts")}</dt>
                <dd className="text-right font-semibold">{formatCount(blog.draftCount, "fr")}</dd>
                <dt>{t("admin.myBlogsPendingComments")}</dt>
                <dd className="text-right font-semibold">{formatCount(blog.pendingComments, "fr")}</dd>
                <dt>{t("admin.myBlogsSubscribers")}</dt>
                <dd className="text-right font-semibold">{formatCount(blog.subscriberCount, "fr")}</dd>
                <dt>{t("admin.myBlogsViews")}</dt>
                <dd className="text-right font-semibold">{formatCount(blog.viewTotal, "fr")}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
