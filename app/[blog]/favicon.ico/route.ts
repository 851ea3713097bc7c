import { blogIconRoute, ICON_SIZES } from "@/lib/seo/icon";

// The blog's tab icon (/favicon.ico): drawn once, then served from the cache until its settings change.
export const dynamic = "force-static";
export const revalidate = 86400;

export function generateStaticParams() {
  return [];
}

export const GET = blogIconRoute(ICON_SIZES.favicon);
