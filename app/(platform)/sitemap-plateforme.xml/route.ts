import { buildUrlSitemap } from "@/lib/seo/sitemap";
import { platformUrl } from "@/lib/urls";

// Rendered per request, not at build: its links carry the address the server is started with.
export const dynamic = "force-dynamic";

// The platform's own public pages.
export function GET() {
  const xml = buildUrlSitemap(["/", "/a-propos", "/aide", "/creer-mon-blog"].map((path) => platformUrl(path)));
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
