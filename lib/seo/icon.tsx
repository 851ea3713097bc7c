import { ImageResponse } from "next/og";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { safeAccentColor } from "@/lib/reader/blog-page";
import { readBlog } from "@/lib/reader/cached-reads";
import { canvasStyle, ogSafeText } from "./og-text";

// The icons a browser shows in its tabs and a phone on its home screen: the initial of a blog's title on
// its accent colour (the platform's: « C » on its ink), drawn by next/og with its own font (nothing fetched).

/** Pixels a side: the tab's icon (served at /favicon.ico, as PNG: every current browser reads it there), the home screen's. */
export const ICON_SIZES = { favicon: 48, touch: 180 } as const;

const PLATFORM_INK = "#1f1b16";

/** The letter an icon shows: the name's first drawable character, else the fallback's (a slug: a-z, 0-9). */
export function iconLetter(name: string, fallback: string): string {
  const first = Array.from(ogSafeText(name).replace(/[^\p{L}\p{N}]/gu, ""))[0] ?? fallback.charAt(0);
  return first.toLocaleUpperCase("fr");
}

/** A square PNG icon of `size` pixels: `letter` on `background`, rounded for a tab (a phone rounds its own). */
export function iconResponse({ letter, background, size }: { letter: string; background: string; size: number }): ImageResponse {
  return new ImageResponse(
    (
      <div
        style={{
          ...canvasStyle(background),
          alignItems: "center",
          justifyContent: "center",
          borderRadius: size <= ICON_SIZES.favicon ? Math.round(size * 0.18) : 0,
          fontSize: Math.round(size * 0.68),
          fontWeight: 700,
          lineHeight: 1,
        }}
      >
        {letter}
      </div>
    ),
    { width: size, height: size, headers: { "Cache-Control": "public, max-age=86400" } },
  );
}

/** The GET of a blog's icon route: its initial on its accent colour, re-drawn when its settings change (readBlog's tag). */
export function blogIconRoute(size: number) {
  return async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }): Promise<Response> {
    const slug = (await params).blog;
    const blog = isWellFormedBlogSlug(slug) ? await readBlog(slug) : null;
    if (!blog) return new Response(null, { status: 404 });
    return iconResponse({ letter: iconLetter(blog.title, blog.slug), background: safeAccentColor(blog.settings.accentColor), size });
  };
}

/** The GET of the platform's icon route. */
export function platformIconRoute(size: number) {
  return function GET(): Response {
    return iconResponse({ letter: "C", background: PLATFORM_INK, size });
  };
}
