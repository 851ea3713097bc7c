import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { editorLabels } from "@/components/admin/editor-labels";
import { PostEditor } from "@/components/admin/post-editor";
import { PreviewLink } from "@/components/admin/preview-link";
import { ActionForm } from "@/components/forms/action-form";
import { discardEditorPending } from "@/lib/posts/actions";
import { requireSessionUser } from "@/lib/auth/session";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { listCategoriesForAdmin } from "@/lib/categories/queries";
import { listMediaForBlog } from "@/lib/media/queries";
import { formatDateTime, getTranslator } from "@/lib/i18n";
import { getPostForEditor, toLocalDateTime } from "@/lib/posts/mutations";
import { articlePath, previewPath } from "@/lib/posts/paths";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { blogUrl } from "@/lib/urls";

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "editor.editorTitleEdit");
}

type Props = { params: Promise<{ blog: string; id: string }>; searchParams: Promise<{ enregistre?: string }> };

// "Editer l'article" on every public article leads here: sign-in first, then the editor for members
// allowed to edit this post, and the 403 page for everyone else.
export default async function EditPostPage({ params, searchParams }: Props) {
  const { blog: slug, id } = await params;
  const user = await requireSessionUser(`/admin/${slug}/articles/${id}`);
  if (!/^\d{1,12}$/.test(id)) notFound();
  const target = await getPostForEditor({ postId: Number(id), userId: user.id });
  if (!target || target.blog.slug !== slug) forbidden();
  const { post, blog } = target;
  const t = getTranslator(blog.language);
  const saved = (await searchParams).enregistre;
  // The text to edit: the pending revision of a published post, when there is one.
  const title = post.pendingTitle ?? post.title;
  const body = post.pendingBody ?? post.bodyMarkdown;
  const [categories, media, rendered] = await Promise.all([
    listCategoriesForAdmin(blog.id),
    listMediaForBlog(blog.id, { limit: 60, offset: 0 }),
    post.excerptCustom ? null : renderMarkdownSafely(body),
  ]);
  const publicUrl = post.status === "published" && post.publishedAt ? blogUrl(blog.slug, articlePath({ publishedAt: post.publishedAt, slug: post.slug }, blog.timeZone)) : null;
  return (
    <section aria-labelledby="editeur-titre">
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <h1 id="editeur-titre" className="font-serif text-3xl font-bold">
          {t("editor.editorTitleEdit")}
        </h1>
        <p className="flex flex-wrap gap-4 text-sm">
          {publicUrl ? <a href={publicUrl}>{t("editor.viewLink")} ↗</a> : null}
          <a href={`/admin/${blog.slug}/articles/${post.id}/versions`}>{t("editor.revisionsLink")}</a>
          <a href={`/admin/${blog.slug}/articles/${post.id}/supprimer`} className="text-red-800">
            {t("editor.deleteLink")}
          </a>
        </p>
      </div>
      {saved ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          {saved === "publish"
            ? t("editor.savedPublished")
            : saved === "schedule" && post.status === "scheduled" && post.publishedAt
              ? t("editor.scheduledAt", { date: formatDateTime(post.publishedAt, blog.language, blog.timeZone) })
              : saved === "unpublish"
                ? t("editor.statusUnpublished")
                : t("editor.savedDraft")}
        </p>
      ) : null}
      {post.pendingSavedAt !== null ? (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded border border-stone-300 bg-stone-50 p-3 text-sm">
          <p>{t("editor.pendingNotice", { date: formatDateTime(post.pendingSavedAt, blog.language, blog.timeZone) })}</p>
          <ActionForm
            action={discardEditorPending}
            hidden={{ blogId: String(blog.id), postId: String(post.id) }}
            fields={[]}
            submitLabel={t("editor.pendingDiscard")}
            pendingLabel={t("editor.saving")}
          />
        </div>
      ) : null}
      <PostEditor
        labels={editorLabels(blog.language, blog.timeZone)}
        categories={categories.map((category) => category.name)}
        media={media}
        mediaOrigin={blogUrl(blog.slug, "")}
        language={blog.language}
        timeZone={blog.timeZone}
        autoExcerpt={rendered?.ok ? rendered.excerpt : ""}
        initial={{
          blogId: blog.id,
          blogSlug: blog.slug,
          postId: post.id,
          status: post.status,
          title,
          slug: post.slug,
          body,
          // An automatic summary is not shown as if the blogger had written it: it follows the text.
          excerpt: post.excerptCustom ? post.excerpt : "",
          editVersion: post.editVersion,
          savedAt: post.pendingSavedAt ?? post.updatedAt,
          category: post.categoryName,
          tags: post.tagNames,
          scheduledFor: post.status === "scheduled" && post.publishedAt ? toLocalDateTime(post.publishedAt, blog.timeZone) : "",
          coverMediaId: post.coverMediaId ? String(post.coverMediaId) : "",
          seoTitle: post.seoTitle ?? "",
          seoDescription: post.seoDescription ?? "",
        }}
      />
      {post.status === "published" ? null : (
        <PreviewLink
          blogId={blog.id}
          postId={post.id}
          url={post.previewToken ? blogUrl(blog.slug, previewPath(post.previewToken)) : null}
          labels={{
            title: t("editor.previewLinkTitle"),
            hint: t("editor.previewLinkHint"),
            create: t("editor.previewLinkCreate"),
            address: t("editor.previewLinkLabel"),
            copy: t("editor.previewLinkCopy"),
            copied: t("editor.previewLinkCopied"),
            revoke: t("editor.previewLinkRevoke"),
            pending: t("editor.saving"),
          }}
        />
      )}
    </section>
  );
}
