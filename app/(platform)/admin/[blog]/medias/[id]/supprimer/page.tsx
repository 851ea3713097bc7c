import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { DANGER_BUTTON } from "@/components/ui/danger";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { getTranslator } from "@/lib/i18n";
import { deleteMediaAction } from "@/lib/media/actions";
import { getManageableMedia } from "@/lib/media/queries";
import { blogUrl } from "@/lib/urls";

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "admin.mediaDeletePageTitle");
}

type Props = { params: Promise<{ blog: string; id: string }> };

// A page of its own rather than a dialog: the confirmation works without JavaScript, and says where the image is used.
export default async function DeleteMediaPage({ params }: Props) {
  const { blog: slug, id } = await params;
  const { user, blog } = await requireMemberBlog(slug, `/admin/${slug}/medias/${id}/supprimer`);
  const t = getTranslator(blog.language);
  const mediaId = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
  const medium = mediaId === null ? null : await getManageableMedia({ userId: user.id, blogId: blog.id, mediaId });
  if (!medium) notFound();
  return (
    <section aria-labelledby="suppression-titre" className="mx-auto max-w-xl space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <h1 id="suppression-titre" className="font-serif text-2xl font-bold">
        {t("admin.mediaDeleteTitle")}
      </h1>
      {/* eslint-disable-next-line @next/next/no-img-element -- served as is by the blog's host */}
      <img src={blogUrl(blog.slug, medium.url)} alt={medium.alt} className="max-h-64 w-full rounded bg-stone-100 object-contain" />
      <p>{medium.usedIn > 0 ? t("admin.mediaDeleteUsed", { count: medium.usedIn }) : t("admin.mediaDeleteUnused")}</p>
      <p className="font-semibold">{t("admin.mediaDeleteWarning")}</p>
      <ActionForm
        action={deleteMediaAction}
        submitClassName={DANGER_BUTTON}
        fields={[]}
        hidden={{ blogId: String(blog.id), mediaId: String(medium.id) }}
        submitLabel={t("admin.mediaDeleteConfirm")}
        pendingLabel={t("admin.mediaDeletePending")}
      />
      <p>
        <a href={`/admin/${blog.slug}/medias`}>{t("admin.mediaDeleteCancel")}</a>
      </p>
    </section>
  );
}
