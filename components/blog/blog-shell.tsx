import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator } from "@/lib/i18n";
import { readSidebar } from "@/lib/reader/cached-reads";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { PlatformBar } from "@/components/platform/platform-bar";
import { feedPath } from "@/lib/feeds/paths";
import type { Term } from "@/lib/reader/term-page";
import { FeedLinks } from "./feed-links";
import { Sidebar } from "./sidebar";
import { ViewBeacon } from "./view-beacon";

/** The blog's name (a link to its home page) and description, over its accent colour's rule. */
export function BlogHeader({ blog }: { blog: Pick<PublicBlog, "title" | "description"> }) {
  return (
    <header className="border-b-4 border-[var(--accent)] bg-white">
      <div className="mx-auto max-w-6xl px-4 py-8">
        <p className="font-serif text-3xl font-bold sm:text-4xl">
          <a href="/" className="text-[var(--color-ink)] no-underline hover:text-[var(--accent)]">
            {blog.title}
          </a>
        </p>
        {blog.description ? <p className="mt-2 text-[var(--color-muted)]">{blog.description}</p> : null}
      </div>
    </header>
  );
}

/**
 * Everything around a blog page's content: platform bar, blog header, sidebar and footer, plus the
 * feed links of the page's <head> and the view beacon.
 */
export async function BlogShell({
  blog,
  editHref,
  feedTerm,
  beacon = true,
  children,
}: {
  blog: PublicBlog;
  editHref?: string;
  /** On a category's or a tag's listing: its feeds are announced too. */
  feedTerm?: Pick<Term, "kind" | "slug" | "name">;
  /** Whether the page counts as a view (a preview of an unpublished post does not). */
  beacon?: boolean;
  children: React.ReactNode;
}) {
  const t = getTranslator(blog.language);
  const sidebar = await readSidebar({ blogId: blog.id, timeZone: blog.timeZone });
  return (
    <div style={{ "--accent": safeAccentColor(blog.settings.accentColor) } as React.CSSProperties}>
      <FeedLinks blog={blog} term={feedTerm} t={t} />
      <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
        {t("blog.skipToContent")}
      </a>
      {/* "Suivre ce blog": the sidebar's signup, or its own page when the blogger hid that widget. */}
      <PlatformBar t={t} editHref={editHref} followHref={blog.settings.sidebarWidgets.includes("newsletter") ? "#newsletter" : "/newsletter"} />
      <BlogHeader blog={blog} />
      {/* One column of at most the screen's width on a phone: nothing in it may push the page sideways. */}
      <div className="mx-auto grid max-w-6xl grid-cols-1 gap-10 px-4 py-10 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <main id="contenu" tabIndex={-1} className="min-w-0">
          {children}
        </main>
        <Sidebar blogId={blog.id} data={sidebar} settings={blog.settings} language={blog.language} t={t} />
      </div>
      <footer className="border-t border-stone-300 py-6 text-center text-sm text-[var(--color-muted)]">
        <p>
          {blog.title} — {t("blog.footer")}
        </p>
        <p className="mt-1">
          {t("audience.feedLinks")} : <a href={feedPath("rss")}>RSS</a> · <a href={feedPath("atom")}>Atom</a>
        </p>
      </footer>
      {beacon ? <ViewBeacon /> : null}
    </div>
  );
}
