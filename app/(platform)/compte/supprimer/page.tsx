import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { DANGER_BUTTON } from "@/components/ui/danger";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteAccountAction, handOverBlogFormAction } from "@/lib/account/actions";
import { hasPassword, listAccountBlogs, type AccountBlog } from "@/lib/account/mutations";
import { requireSessionUser } from "@/lib/auth/session";
import { blogAddress } from "@/lib/blogs/mutations";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Supprimer mon compte", robots: { index: false } };

function BlogList({ intro, blogs }: { intro: string; blogs: AccountBlog[] }) {
  if (blogs.length === 0) return null;
  return (
    <div>
      <p>{intro}</p>
      <ul className="list-disc pl-6">
        {blogs.map((blog) => (
          <li key={blog.id}>
            {blog.title} ({blogAddress(blog.slug)})
          </li>
        ))}
      </ul>
    </div>
  );
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Download first, settle the blogs others depend on, then delete with the password: every step is a
// plain form or link, so the page works without JavaScript.
export default async function DeleteAccountPage({ searchParams }: Props) {
  const t = getTranslator("fr");
  const user = await requireSessionUser("/compte/supprimer");
  const query = await searchParams;
  const [blogsOfAccount, withPassword] = await Promise.all([listAccountBlogs(user.id), hasPassword(user.id)]);
  const handedOver = typeof query.transmis === "string";
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">{t("leaving.accountDeleteTitle")}</h1>

      <section aria-labelledby="donnees-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="donnees-titre" className="mb-2 font-serif text-xl font-bold">
          {t("leaving.myDataTitle")}
        </h2>
        <p className="mb-4">{t("leaving.myDataIntro")}</p>
        <a href="/compte/mes-donnees.zip" download className="inline-block rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white no-underline hover:opacity-90">
          {t("leaving.myDataDownload")}
        </a>
      </section>

      {handedOver ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {t("leaving.handOverDone")}
        </p>
      ) : null}
      {query.transmission === "refusee" ? (
        <p role="alert" className="rounded border border-red-800 bg-red-50 p-3 text-red-900">
          {t("leaving.handOverInvalid")}
        </p>
      ) : null}

      {blogsOfAccount.blocking.length > 0 ? (
        <section aria-labelledby="a-regler-titre" className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
          <h2 id="a-regler-titre" className="font-serif text-xl font-bold">
            {t("leaving.blockingTitle")}
          </h2>
          <p>{t("leaving.blockingIntro")}</p>
          <ul className="space-y-4">
            {blogsOfAccount.blocking.map((blog) => (
              <li key={blog.id} data-testid="blog-to-settle" className="rounded border border-stone-200 p-4">
                <form action={handOverBlogFormAction} className="flex flex-wrap items-end gap-3">
                  <input type="hidden" name="blogId" value={blog.id} />
                  <label className="flex flex-col text-sm font-semibold">
                    {t("leaving.handOverLabel", { blog: blog.title })}
                    <select name="successorId" required className="mt-1 rounded border border-stone-300 px-2 py-1 font-normal">
                      {blog.successors.map((successor) => (
                        <option key={successor.userId} value={successor.userId}>
                          {successor.name ? `${successor.name} (${successor.email})` : successor.email}
                        </option>
                      ))}
                    </select>
                  </label>
                  <SubmitButton pendingLabel={t("leaving.handOverPending")}>{t("leaving.handOverSubmit")}</SubmitButton>
                </form>
                <p className="mt-2 text-sm">
                  <a href={`/admin/${blog.slug}/supprimer`} className="text-red-800">
                    {t("leaving.orDeleteBlog")}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="suppression-titre" className="space-y-4 rounded-lg border-2 border-red-800 bg-white p-6 shadow-sm">
        <h2 id="suppression-titre" className="font-serif text-xl font-bold text-red-800">
          {t("leaving.accountDeleteTitle")}
        </h2>
        <p className="font-semibold text-red-800">{t("leaving.accountDeleteWarning")}</p>
        <BlogList intro={t("leaving.deletedWithAccountIntro")} blogs={blogsOfAccount.deletedWithAccount} />
        <BlogList intro={t("leaving.leftBlogsIntro")} blogs={blogsOfAccount.left} />
        <p className="text-sm text-[var(--color-muted)]">{t("leaving.keptData")}</p>
        {blogsOfAccount.blocking.length > 0 ? (
          <p role="alert" className="font-semibold">
            {t("leaving.accountDeleteBlocked")}
          </p>
        ) : (
          <ActionForm
            action={deleteAccountAction}
            fields={[
              withPassword
                ? { name: "password", label: t("leaving.accountDeletePassword"), type: "password", autoComplete: "current-password", required: true }
                : { name: "email", label: t("leaving.accountDeleteEmail"), type: "email", autoComplete: "off", required: true },
            ]}
            submitLabel={t("leaving.accountDeleteSubmit")}
            pendingLabel={t("leaving.accountDeletePending")}
            submitClassName={DANGER_BUTTON}
          />
        )}
      </section>
    </div>
  );
}
