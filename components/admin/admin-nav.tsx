import type { MemberBlog } from "@/lib/blogs/access";
import { getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

/** The sections of a blog's administration; owner-only ones are hidden from authors. */
export function AdminNav({ blog }: { blog: MemberBlog }) {
  const t = getTranslator(blog.language);
  const base = `/admin/${blog.slug}`;
  const sections: { href: string; label: string; ownerOnly?: boolean }[] = [
    { href: `${base}/articles`, label: t("admin.navPosts") },
    { href: `${base}/commentaires`, label: t("admin.navComments") },
    { href: `${base}/medias`, label: t("admin.navMedia") },
    { href: `${base}/categories`, label: t("admin.navCategories") },
    { href: `${base}/abonnes`, label: t("admin.navSubscribers"), ownerOnly: true },
    { href: `${base}/statistiques`, label: t("admin.navStats") },
    { href: `${base}/reglages`, label: t("admin.navSettings"), ownerOnly: true },
    { href: `${base}/importer`, label: t("admin.navImport"), ownerOnly: true },
    { href: `${base}/equipe`, label: t("admin.navTeam"), ownerOnly: true },
    { href: `${base}/exporter`, label: t("leaving.navExport"), ownerOnly: true },
    { href: `${base}/boite`, label: t("admin.navMailbox"), ownerOnly: true },
  ];
  return (
    <nav aria-label={t("admin.navLabel")} className="mb-8 rounded-lg bg-white p-3 shadow-sm">
      <p className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <a href={base} className="font-serif text-xl font-bold text-[var(--color-ink)]">
          {blog.title}
        </a>
        <a href={blogUrl(blog.slug, "/")} className="text-sm">
          {t("admin.viewBlog")} ↗
        </a>
      </p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {sections
          .filter((section) => !section.ownerOnly || blog.role === "owner")
          .map((section) => (
            <li key={section.href}>
              <a href={section.href}>{section.label}</a>
            </li>
          ))}
      </ul>
    </nav>
  );
}
