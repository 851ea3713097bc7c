import { getTranslator } from "@/lib/i18n";
import { isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { platformUrl } from "@/lib/urls";
import { env } from "@/lib/env";

/** Shown with the 404 of an address where no blog lives yet: the address may be free to take. */
export function UnknownBlogNotice({ slug, children }: { slug: string; children: React.ReactNode }) {
  const t = getTranslator("fr");
  const address = `${slug}.${env.ROOT_DOMAIN}`;
  return (
    <>
      {children}
      <aside aria-label={t("notFound.unknownBlogTitle")} className="mx-auto max-w-3xl px-4 pb-16">
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <strong>{t("notFound.unknownBlogTitle")}.</strong> {t("notFound.unknownBlogMessage", { address })}{" "}
          {isAvailableBlogSlugShape(slug) ? (
            <a href={platformUrl(`/creer-mon-blog?adresse=${encodeURIComponent(slug)}`)} className="font-semibold">
              {t("notFound.unknownBlogCreate")}
            </a>
          ) : null}{" "}
          · <a href={platformUrl("/")}>{t("notFound.backToPlatform")}</a>
        </p>
      </aside>
    </>
  );
}
