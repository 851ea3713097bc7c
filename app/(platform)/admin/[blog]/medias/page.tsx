import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { forbidden } from "next/navigation";
import { MediaCard } from "@/components/media/media-card";
import { UploadForm } from "@/components/media/upload-form";
import { limitReachedMessage } from "@/lib/abuse/limits";
import { requireMemberBlog } from "@/lib/blogs/access";
import { getTranslator } from "@/lib/i18n";
import { MAX_DISPLAY_WIDTH, MAX_UPLOAD_BYTES } from "@/lib/media/images";
import { MAX_ALT_LENGTH } from "@/lib/media/mutations";
import { uploadProblem } from "@/lib/media/problems";
import { listMediaLibrary } from "@/lib/media/queries";


const PAGE_SIZE = 24;
const MAX_MEGABYTES = MAX_UPLOAD_BYTES / (1024 * 1024);

type Props = {
  params: Promise<{ blog: string }>;
  searchParams: Promise<{ page?: string; erreur?: string; alt?: string; envoye?: string; deja?: string; supprime?: string }>;
};

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "admin.mediaTitle");
}

export default async function MediaPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const path = `/admin/${slug}/medias`;
  const { user, blog } = await requireMemberBlog(slug, path);
  const t = getTranslator(blog.language);
  const page = /^[1-9]\d{0,5}$/.test(query.page ?? "") ? Number(query.page) : 1;
  const library = await listMediaLibrary({ userId: user.id, blogId: blog.id, page, pageSize: PAGE_SIZE });
  if (!library) forbidden();
  const pages = Math.max(1, Math.ceil(library.total / PAGE_SIZE));
  const problem = query.erreur === "dailyLimit" ? { file: limitReachedMessage("uploads", blog.createdAt, undefined, blog.language) } : uploadProblem(query.erreur, t);
  const highlighted = Number(query.envoye ?? query.deja ?? 0);
  const success = query.envoye ? t("admin.mediaUploaded") : query.deja ? t("admin.mediaDuplicate") : query.supprime ? t("admin.mediaDeleted") : null;

  return (
    <div className="space-y-10">
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("admin.mediaTitle")}</h1>
        <p className="text-[var(--color-muted)]">{t("admin.mediaIntro")}</p>
      </header>
      <section aria-labelledby="envoi-titre" className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <h2 id="envoi-titre" className="mb-4 font-serif text-xl font-bold">
          {t("admin.mediaUploadTitle")}
        </h2>
        {success ? (
          <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {success}
          </p>
        ) : null}
        {problem ? (
          <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {problem.file ?? problem.alt}
          </p>
        ) : null}
        <UploadForm
          action={`${path}/envoi`}
          maxBytes={MAX_UPLOAD_BYTES}
          alt={problem ? (query.alt ?? "") : ""}
          fileError={problem?.file}
          altError={problem?.alt}
          labels={{
            file: t("admin.mediaFile"),
            fileHint: t("admin.mediaFileHint", { max: MAX_MEGABYTES, width: MAX_DISPLAY_WIDTH }),
            alt: t("admin.mediaAlt"),
            altHint: t("admin.mediaAltHint"),
            submit: t("admin.mediaUploadSubmit"),
            pending: t("admin.mediaUploadPending"),
            tooLarge: t("admin.mediaProblemTooLarge", { max: MAX_MEGABYTES }),
            altMaxLength: MAX_ALT_LENGTH,
          }}
        />
      </section>
      <section aria-labelledby="bibliotheque-titre">
        <h2 id="bibliotheque-titre" className="mb-4 font-serif text-xl font-bold">
          {t("admin.mediaCount", { count: library.total })}
        </h2>
        {library.items.length === 0 ? (
          <p>{t("admin.mediaEmpty")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {library.items.map((item) => (
              <MediaCard key={item.id} item={item} blog={blog} highlighted={item.id === highlighted} t={t} />
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t("blog.pagination")} className="mt-8 flex justify-between text-sm">
            {page > 1 ? <a href={`${path}?page=${page - 1}`}>{t("admin.mediaPrevious")}</a> : <span />}
            <span className="text-[var(--color-muted)]">{t("blog.pageOf", { page, pages })}</span>
            {page < pages ? <a href={`${path}?page=${page + 1}`}>{t("admin.mediaNext")}</a> : <span />}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
