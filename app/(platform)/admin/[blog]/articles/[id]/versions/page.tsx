import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { requireSessionUser } from "@/lib/auth/session";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { formatCount, formatDateTime, getTranslator } from "@/lib/i18n";
import { restorePostRevision } from "@/lib/posts/actions";
import { listRevisions } from "@/lib/posts/mutations";

export function generateMetadata({ params }: { params: Promise<{ blog: string; id: string }> }): Promise<Metadata> {
  return adminMetadata(params, "editor.revisionsTitle");
}

export default async function RevisionsPage({ params }: { params: Promise<{ blog: string; id: string }> }) {
  const { blog: slug, id } = await params;
  const user = await requireSessionUser(`/admin/${slug}/articles/${id}/versions`);
  if (!/^\d{1,12}$/.test(id)) notFound();
  const result = await listRevisions({ postId: Number(id), userId: user.id });
  if (!result || result.blog.slug !== slug) forbidden();
  const t = getTranslator(result.blog.language);
  return (
    <section aria-labelledby="versions-titre">
      <h1 id="versions-titre" className="mb-2 font-serif text-3xl font-bold">
        {t("editor.revisionsTitle")}
      </h1>
      <p className="mb-6">
        <a href={`/admin/${slug}/articles/${id}`}>← {result.post.title}</a>
      </p>
      <ol className="space-y-3">
        {result.revisions.map((revision) => (
          <li key={revision.id} className="flex flex-wrap items-center justify-between gap-4 rounded-lg bg-white p-4 shadow-sm">
            <div>
              <p className="font-semibold">{revision.title}</p>
              <p className="text-sm text-[var(--color-muted)]">
                {t("editor.revisionSavedAt", { date: formatDateTime(revision.createdAt, result.blog.language, result.blog.timeZone) })} · {t("editor.revisionLength", { length: formatCount(revision.length, result.blog.language) })}
              </p>
            </div>
            <ActionForm action={restorePostRevision} hidden={{ revisionId: String(revision.id) }} fields={[]} submitLabel={t("editor.revisionRestore")} pendingLabel={t("editor.saving")} className="flex items-center gap-2" />
          </li>
        ))}
      </ol>
    </section>
  );
}
