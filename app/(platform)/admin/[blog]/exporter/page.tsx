import type { Metadata } from "next";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { countExportContents } from "@/lib/export/queries";
import { getTranslator } from "@/lib/i18n";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";

export function generateMetadata({ params }: { params: Promise<{ blog: string }> }): Promise<Metadata> {
  return adminMetadata(params, "leaving.exportTitle");
}

export default async function ExportPage({ params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/exporter`, "blog.export");
  const t = getTranslator(blog.language);
  const [contents, subscriberCount] = await Promise.all([countExportContents(blog.id), countConfirmedSubscribers(blog.id)]);
  return (
    <section aria-labelledby="exporter-titre" className="max-w-2xl space-y-6">
      <header>
        <h1 id="exporter-titre" className="font-serif text-3xl font-bold">
          {t("leaving.exportTitle")}
        </h1>
        <p className="text-[var(--color-muted)]">{t("leaving.exportIntro")}</p>
      </header>
      <div className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
        <p>{t("leaving.exportHolds")}</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t("leaving.exportWxr")}</li>
          <li>{t("leaving.exportMarkdown")}</li>
          <li>{t("leaving.exportMedia")}</li>
          <li>{t("leaving.exportSubscribers", { count: subscriberCount })}</li>
        </ul>
        <p className="text-sm text-[var(--color-muted)]">{t("leaving.exportSize", { posts: contents.posts, media: contents.media })}</p>
        {/* A plain link: the browser downloads the zip as it is written, without JavaScript. */}
        <p>
          <a href={`/admin/${blog.slug}/exporter/carnet.zip`} download className="inline-block rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white no-underline hover:opacity-90">
            {t("leaving.exportDownload")}
          </a>
        </p>
      </div>
    </section>
  );
}
