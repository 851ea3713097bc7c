import type { PublicBlog } from "@/lib/blogs/queries";
import { isAvailableBlogSlugShape } from "@/lib/blogs/slug";
import { env } from "@/lib/env";
import { getTranslator } from "@/lib/i18n";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { platformUrl } from "@/lib/urls";
import { PlatformBar } from "@/components/platform/platform-bar";
import { BlogHeader } from "./blog-shell";

/** A blog's 404: in the blog's frame and language, with its title in <title> and a search of the blog. */
export function BlogNotFoundPage({ blog }: { blog: PublicBlog }) {
  const t = getTranslator(blog.language);
  return (
    <div style={{ "--accent": safeAccentColor(blog.settings.accentColor) } as React.CSSProperties}>
      <title>{`${t("notFound.title")} — ${blog.title}`}</title>
      <PlatformBar t={t} />
      <BlogHeader blog={blog} />
      <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
        <h1 className="font-serif text-3xl font-bold">{t("notFound.title")}</h1>
        <p className="mt-4">{t("notFound.message")}</p>
        <form action="/recherche" method="get" role="search" className="mt-6 flex max-w-md gap-2">
          <label htmlFor="introuvable-q" className="sr-only">
            {t("audience.searchLabel")}
          </label>
          <input id="introuvable-q" name="q" type="search" required maxLength={200} className="min-w-0 flex-1 rounded border border-stone-300 px-3 py-2" />
          <button type="submit" className="rounded bg-[var(--accent)] px-3 py-2 font-semibold text-white hover:opacity-90">
            {t("audience.searchSubmit")}
          </button>
        </form>
        <p className="mt-6">
          <a href="/">{t("notFound.backToBlog")}</a>
        </p>
      </main>
      <footer className="border-t border-stone-300 py-6 text-center text-sm text-[var(--color-muted)]">
        <p>
          {blog.title} — {t("blog.footer")}
        </p>
      </footer>
    </div>
  );
}

/**
 * A 404 where no blog lives: « Page introuvable », and when the address is one a blog could have, that no
 * blog lives there (yet) with the offer to create it. One message, never two that contradict each other.
 */
export function UnknownBlogPage({ slug }: { slug: string }) {
  const t = getTranslator("fr");
  const couldBeABlog = isAvailableBlogSlugShape(slug);
  return (
    <>
      <title>{`${t("notFound.title")} — Carnet`}</title>
      <PlatformBar t={t} />
      <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
        <h1 className="font-serif text-3xl font-bold">{t("notFound.title")}</h1>
        <p className="mt-4">{couldBeABlog ? t("notFound.unknownBlogMessage", { address: `${slug}.${env.ROOT_DOMAIN}` }) : t("notFound.message")}</p>
        <p className="mt-4 flex flex-wrap gap-4">
          {couldBeABlog ? (
            <a href={platformUrl(`/creer-mon-blog?adresse=${encodeURIComponent(slug)}`)} className="font-semibold">
              {t("notFound.unknownBlogCreate")}
            </a>
          ) : null}
          <a href={platformUrl("/")}>{t("notFound.backToPlatform")}</a>
        </p>
      </main>
    </>
  );
}
