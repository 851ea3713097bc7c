import { buildUrlSitemap } from "@/lib/seo/sitemap";
import { platformUrl } from "@/lib/urls";

export const dynamic = "force-static";

// The platform's own public pages.
export function GET() {
  const xml = buildUrlSitemap(["/", "/a-propos", "/aide", "/creer-mon-blog"].map((path) => platformUrl(path)));
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
