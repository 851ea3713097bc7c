import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BlogShell } from "@/components/blog/blog-shell";
import { formatMonth, getTranslator } from "@/lib/i18n";
import { monthPath, yearPath } from "@/lib/posts/paths";
import { readArchiveMonths } from "@/lib/reader/cached-reads";
import { loadBlogOrNotFound, parseRouteNumber } from "@/lib/reader/blog-page";
import { readerMetadata } from "@/lib/seo/metadata";

type Params = { blog: string; year: string };
type Props = { params: Promise<Params> };

export const revalidate = 3600;

export function generateStaticParams(): Params[] {
  return [];
}

/** A year of the blog's archive: where the sidebar's line for that year leads (lib/posts/archive.ts). */
async function loadYear(params: Params) {
  const blog = await loadBlogOrNotFound(params.blog);
  const year = parseRouteNumber(params.year, 4, 1990, 2999);
  if (year === null) notFound();
  const months = (await readArchiveMonths({ blogId: blog.id, timeZone: blog.timeZone })).filter((entry) => entry.year === year);
  // A year without any published post is not a page.
  if (months.length === 0) notFound();
  return { blog, year, months };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog, year } = await loadYear(await params);
  const t = getTranslator(blog.language);
  return readerMetadata({
    blog,
    path: yearPath(year),
    title: `${t("blog.yearTitle", { year: String(year) })} — ${blog.title}`,
    description: t("blog.yearDescription", { blog: blog.title, year: String(year) }),
  });
}

export default async function YearArchivePage({ params }: Props) {
  const { blog, year, months } = await loadYear(await params);
  const t = getTranslator(blog.language);
  return (
    <BlogShell blog={blog}>
      <h1 className="mb-8 font-serif text-3xl font-bold">{t("blog.yearTitle", { year: String(year) })}</h1>
      <ul className="space-y-2 text-lg">
        {months.map((entry) => (
          <li key={entry.month}>
            <a href={monthPath(entry.year, entry.month)}>{formatMonth(entry.year, entry.month, blog.language)}</a>{" "}
            <span className="text-[var(--color-muted)]">— {t("sidebar.postCount", { count: entry.count })}</span>
          </li>
        ))}
      </ul>
    </BlogShell>
  );
}
