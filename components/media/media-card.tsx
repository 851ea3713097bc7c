import { formatLongDate, type Translator } from "@/lib/i18n";
import { updateMediaAltAction } from "@/lib/media/actions";
import { formatByteSize, formatImageType, markdownImage } from "@/lib/media/format";
import { MAX_ALT_LENGTH } from "@/lib/media/mutations";
import type { LibraryItem } from "@/lib/media/queries";
import { blogUrl } from "@/lib/urls";
import { MediaAltForm } from "./media-alt-form";

/** One image of the library: preview, figures, the Markdown to paste, its alternative text, delete. */
export function MediaCard({ item, blog, highlighted, t }: { item: LibraryItem; blog: { id: number; slug: string; timeZone: string }; highlighted: boolean; t: Translator }) {
  return (
    <li
      id={`media-${item.id}`}
      className={`space-y-3 rounded-lg border bg-white p-4 shadow-sm ${highlighted ? "border-[var(--accent)] ring-2 ring-[var(--accent)]" : "border-stone-200"}`}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- served ready-sized by the blog's host; next/image would fetch it back through this server */}
      <img
        src={blogUrl(blog.slug, item.url)}
        alt={item.alt}
        width={item.width ?? undefined}
        height={item.height ?? undefined}
        loading="lazy"
        className="h-48 w-full rounded bg-stone-100 object-contain"
      />
      <p className="text-sm text-[var(--color-muted)]">
        {t("admin.mediaDetails", {
          width: item.width ?? "?",
          height: item.height ?? "?",
          size: formatByteSize(item.byteSize, "fr"),
          type: formatImageType(item.mimeType),
        })}
        <br />
        {t("admin.mediaUploadedBy", { name: item.uploaderName ?? "—", date: formatLongDate(item.createdAt, "fr", blog.timeZone) })}
      </p>
      <p className="text-sm">
        {t("admin.mediaInsertHint")}{" "}
        <code className="break-all rounded bg-stone-100 px-1" data-testid="media-markdown">{markdownImage(item)}</code>
      </p>
      {item.canManage ? (
        <>
          <MediaAltForm
            action={updateMediaAltAction}
            blogId={blog.id}
            mediaId={item.id}
            alt={item.alt}
            labels={{ alt: t("admin.mediaAlt"), submit: t("admin.mediaAltSave"), pending: t("admin.mediaAltSaving"), maxLength: MAX_ALT_LENGTH }}
          />
          <p className="text-sm">
            <a href={`/admin/${blog.slug}/medias/${item.id}/supprimer`} className="text-red-800">
              {t("admin.mediaDelete")}
            </a>
          </p>
        </>
      ) : (
        <p className="text-sm">{t("admin.mediaAltReadOnly", { alt: item.alt || t("admin.mediaAltNone") })}</p>
      )}
    </li>
  );
}
