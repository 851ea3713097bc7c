import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { DANGER_BUTTON } from "@/components/ui/danger";
import { requireSessionUser } from "@/lib/auth/session";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { getTranslator } from "@/lib/i18n";
import { deleteEditorPost } from "@/lib/posts/actions";
import { getPostForEditor } from "@/lib/posts/mutations";

export function generateMetadata({ params }: { params: Promise<{ blog: string; id: string }> }): Promise<Metadata> {
  return adminMetadata(params, "editor.deleteTitle");
}

// Deleting asks for a confirmation on a page of its own, so that it works without JavaScript.
export default async function DeletePostPage({ params }: { params: Promise<{ blog: string; id: string }> }) {
  const { blog: slug, id } = await params;
  const user = await requireSessionUser(`/admin/${slug}/articles/${id}/supprimer`);
  if (!/^\d{1,12}$/.test(id)) notFound();
  const target = await getPostForEditor({ postId: Number(id), userId: user.id });
  if (!target || target.blog.slug !== slug) forbidden();
  const t = getTranslator(target.blog.language);
  return (
    <section aria-labelledby="supprimer-titre" className="max-w-2xl">
      <h1 id="supprimer-titre" className="mb-4 font-serif text-3xl font-bold">
        {t("editor.deleteTitle")}
      </h1>
      <p className="mb-6">{t("editor.deleteConfirm", { title: target.post.title })}</p>
      <ActionForm action={deleteEditorPost} hidden={{ postId: String(target.post.id), blogSlug: slug }} fields={[]} submitLabel={t("editor.deleteSubmit")} pendingLabel={t("editor.saving")} submitClassName={DANGER_BUTTON} />
      <p className="mt-4">
        <a href={`/admin/${slug}/articles/${target.post.id}`}>{t("editor.deleteCancel")}</a>
      </p>
    </section>
  );
}
