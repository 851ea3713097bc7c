import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { requireMemberBlog } from "@/lib/blogs/access";
import { formatCount, getTranslator } from "@/lib/i18n";
import { listImportJobs } from "@/lib/import/jobs";
import { MAX_IMPORT_UPLOAD_BYTES } from "@/lib/import/limits";


type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ erreur?: string; envoye?: string; canalblog?: string; adresse?: string }> };

const MAX_MEGABYTES = MAX_IMPORT_UPLOAD_BYTES / (1024 * 1024);
const UPLOAD_PROBLEMS = ["empty", "tooLarge", "unreadable", "busy"] as const;
type UploadProblem = (typeof UPLOAD_PROBLEMS)[number];
const isUploadProblem = (code: string | undefined): code is UploadProblem => UPLOAD_PROBLEMS.includes(code as UploadProblem);
const CANALBLOG_PROBLEMS = ["missing", "badAddress", "notZip", "tooLarge", "busy"] as const;
type CanalblogProblem = (typeof CANALBLOG_PROBLEMS)[number];
const isCanalblogProblem = (code: string | undefined): code is CanalblogProblem => CANALBLOG_PROBLEMS.includes(code as CanalblogProblem);

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "admin.navImport");
}

// While an import runs, the page reloads itself every few seconds (a meta refresh: no JavaScript needed),
// and shows the progress of the job as the import worker writes it.
export default async function ImportPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const path = `/admin/${slug}/importer`;
  const { blog } = await requireMemberBlog(slug, path, "blog.import");
  const t = getTranslator(blog.language);
  const jobs = await listImportJobs(blog.id);
  const active = jobs.some((job) => job.status === "queued" || job.status === "running");
  const problem = isUploadProblem(query.erreur) ? t(`import.page.uploadProblems.${query.erreur}`, { max: MAX_MEGABYTES }) : null;
  const canalblogProblem = isCanalblogProblem(query.canalblog) ? t(`import.page.canalblogProblems.${query.canalblog}`, { max: MAX_MEGABYTES }) : null;

  return (
    <div className="space-y-10">
      {active ? <meta httpEquiv="refresh" content="2" /> : null}
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("import.page.title")}</h1>
        <p className="text-[var(--color-muted)]">{t("import.page.intro")}</p>
      </header>
      <section className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        {query.envoye && !problem && !canalblogProblem ? (
          <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {t("import.page.queued")}
          </p>
        ) : null}
        {problem ? (
          <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {problem}
          </p>
        ) : null}
        <form method="post" action={`${path}/envoi`} encType="multipart/form-data" className="space-y-4">
          <div>
            <label htmlFor="fichier" className="block font-semibold">
              {t("import.page.fileLabel")}
            </label>
            <input id="fichier" name="fichier" type="file" required accept=".xml,.rss,.atom,application/xml,text/xml" aria-describedby="fichier-aide" className="mt-1 block" />
            <p id="fichier-aide" className="mt-1 text-sm text-[var(--color-muted)]">
              {t("import.page.fileHint", { max: MAX_MEGABYTES })} {t("import.page.feedNote")}
            </p>
          </div>
          <button type="submit" className="rounded bg-[var(--color-accent)] px-4 py-2 font-semibold text-white">
            {t("import.page.submit")}
          </button>
        </form>
      </section>
      <section id="canalblog" aria-labelledby="canalblog-titre" className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <h2 id="canalblog-titre" className="font-serif text-xl font-bold">
          {t("import.page.canalblogTitle")}
        </h2>
        <p className="mt-1 text-sm text-[var(--color-muted)]">{t("import.page.canalblogIntro")}</p>
        {canalblogProblem ? (
          <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {canalblogProblem}
          </p>
        ) : null}
        <form method="post" action={`${path}/canalblog`} encType="multipart/form-data" className="mt-4 space-y-4">
          <div>
            <label htmlFor="adresse" className="block font-semibold">
              {t("import.page.canalblogAddressLabel")}
            </label>
            <input
              id="adresse"
              name="adresse"
              type="text"
              inputMode="url"
              defaultValue={query.adresse?.slice(0, 500) ?? ""}
              placeholder="https://monblog.canalblog.com"
              aria-describedby="adresse-aide"
              aria-invalid={canalblogProblem ? true : undefined}
              className="mt-1 block w-full rounded border px-3 py-2"
            />
            <p id="adresse-aide" className="mt-1 text-sm text-[var(--color-muted)]">
              {t("import.page.canalblogAddressHint")}
            </p>
          </div>
          <div>
            <label htmlFor="copie" className="block font-semibold">
              {t("import.page.canalblogCopyLabel")}
            </label>
            <input id="copie" name="copie" type="file" accept=".zip,application/zip" aria-describedby="copie-aide" className="mt-1 block" />
            <p id="copie-aide" className="mt-1 text-sm text-[var(--color-muted)]">
              {t("import.page.canalblogCopyHint", { max: MAX_MEGABYTES })}
            </p>
          </div>
          <button type="submit" className="rounded bg-[var(--color-accent)] px-4 py-2 font-semibold text-white">
            {t("import.page.canalblogSubmit")}
          </button>
        </form>
      </section>
      <section aria-labelledby="imports-titre" className="max-w-2xl space-y-4">
        <h2 id="imports-titre" className="font-serif text-xl font-bold">
          {t("import.page.historyTitle")}
        </h2>
        {active ? <p className="text-sm text-[var(--color-muted)]">{t("import.page.refreshHint")}</p> : null}
        {jobs.length === 0 ? <p>{t("import.page.none")}</p> : null}
        <ul className="space-y-4">
          {jobs.map((job) => (
            <li key={job.id} className="rounded-lg bg-white p-4 shadow-sm" data-import-status={job.status}>
              <p className="flex flex-wrap justify-between gap-2">
                <strong>{job.label}</strong>
                <span>{t(`import.page.status.${job.status}`)}</span>
              </p>
              {job.itemsTotal === null ? (
                <p className="text-sm">{job.status === "failed" ? null : t("import.page.progressUnknown")}</p>
              ) : (
                <>
                  <progress className="mt-2 w-full" value={job.itemsDone} max={Math.max(job.itemsTotal, 1)} aria-label={t("import.page.title")} />
                  <p className="text-sm">
                    {t("import.page.progress", { done: formatCount(job.itemsDone, blog.language), total: formatCount(job.itemsTotal, blog.language) })} ·{" "}
                    {t("import.page.errors", { count: job.errorCount })}
                  </p>
                </>
              )}
              {job.report.length > 0 ? (
                <details className="mt-2" open={job.status === "failed"}>
                  <summary>{t("import.page.problemsTitle")}</summary>
                  <ul className="mt-2 list-disc pl-6 text-sm">
                    {job.report.map((entry, index) => (
                      <li key={index}>{t(entry.key as Parameters<typeof t>[0], entry.values)}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
