import { blogIconRoute, ICON_SIZES } from "@/lib/seo/icon";

// The blog's home-screen icon (/apple-touch-icon.png): drawn once, then served from the cache until its settings change.
export const dynamic = "force-static";
export const revalidate = 86400;

export function generateStaticParams() {
  return [];
}

export const GET = blogIconRoute(ICON_SIZES.touch);
