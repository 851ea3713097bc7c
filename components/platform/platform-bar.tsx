import { platformUrl } from "@/lib/urls";
import type { Translator } from "@/lib/i18n";

// The same bar for every reader, so that the page stays static: nothing here depends on who is looking.
export function PlatformBar({
  t,
  editHref,
  followHref,
  onPlatform = false,
}: {
  t: Translator;
  /** Where "Editer l'article" leads, on an article page. */
  editHref?: string;
  /** Where "Suivre ce blog" leads, on a blog page. */
  followHref?: string;
  /**
   * On the platform's own pages the links are relative: some of those pages are rendered at build,
   * which knows nothing of the address they will be served at.
   */
  onPlatform?: boolean;
}) {
  const href = (path: string) => (onPlatform ? path : platformUrl(path));
  const link = "rounded px-2 py-1 text-stone-100 no-underline hover:bg-stone-700 hover:text-white";
  return (
    // On the black bar, the focus ring is light: the blog's accent colour would not show (WCAG 1.4.11).
    <nav aria-label={t("platformBar.label")} className="bg-stone-900 text-sm [&_:focus-visible]:outline-amber-300">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2">
        <a href={href("/")} className="mr-auto font-serif text-base font-bold tracking-wide text-white no-underline">
          {t("platformBar.home")}
        </a>
        {editHref ? (
          <a href={editHref} className={link} rel="nofollow">
            {t("platformBar.editPost")}
          </a>
        ) : null}
        {followHref ? (
          <a href={followHref} className={link}>
            {t("platformBar.follow")}
          </a>
        ) : null}
        <a href={href("/admin")} className={link} rel="nofollow">
          {t("platformBar.admin")}
        </a>
        <a href={href("/creer-mon-blog")} className="rounded bg-amber-800 px-3 py-1 font-semibold text-white no-underline hover:bg-amber-900">
          {t("platformBar.createBlog")}
        </a>
      </div>
    </nav>
  );
}
