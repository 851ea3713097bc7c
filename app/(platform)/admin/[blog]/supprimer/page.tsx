import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { DANGER_BUTTON } from "@/components/ui/danger";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { deleteBlogAction } from "@/lib/blogs/actions";
import { blogAddress } from "@/lib/blogs/mutations";
import { getTranslator } from "@/lib/i18n";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";

export function generateMetadata({ params }: { params: Promise<{ blog: string }> }): Promise<Metadata> {
  return adminMetadata(params, "leaving.deleteBlogPageTitle");
}

// A page of its own, the consequences spelled out and the address to type: it works without JavaScript.
export default async function DeleteBlogPage({ params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/supprimer`, "blog.delete");
  const t = getTranslator(blog.language);
  const subscriberCount = await countConfirmedSubscribers(blog.id);
  const address = blogAddress(blog.slug);
  return (
    <section aria-labelledby="supprimer-blog-titre" className="max-w-2xl space-y-6">
      <h1 id="supprimer-blog-titre" className="font-serif text-3xl font-bold">
        {t("leaving.deleteBlogTitle", { title: blog.title })}
      </h1>
      <div className="space-y-3 rounded-lg border-2 border-red-800 bg-white p-6 shadow-sm">
        <p className="font-semibold text-red-800">{t("leaving.deleteBlogWarning")}</p>
        <p>
          <a href={`/admin/${blog.slug}/exporter`}>{t("leaving.deleteBlogExportFirst")}</a>
        </p>
        <p>{t("leaving.deleteBlogSubscribers", { count: subscriberCount })}</p>
        <p>{t("leaving.deleteBlogReserved", { address })}</p>
        <ActionForm
          action={deleteBlogAction}
          hidden={{ blogId: String(blog.id) }}
          fields={[{ name: "address", label: t("leaving.deleteBlogConfirmLabel", { address }), autoComplete: "off", required: true, maxLength: 300 }]}
          submitLabel={t("leaving.deleteBlogSubmit")}
          pendingLabel={t("leaving.deleteBlogPending")}
          submitClassName={DANGER_BUTTON}
        />
      </div>
      <p>
        <a href={`/admin/${blog.slug}/reglages`}>{t("leaving.deleteBlogCancel")}</a>
      </p>
    </section>
  );
}
