import { platformUrl } from "@/lib/urls";

// Rendered per request, not at build: its links carry the address the server is started with.
export const dynamic = "force-dynamic";

// The platform's robots.txt: its public pages may be crawled, the administration and accounts not.
export function GET() {
  const lines = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /admin",
    "Disallow: /compte",
    "Disallow: /connexion",
    "Disallow: /deconnexion",
    "Disallow: /inscription",
    "Disallow: /mot-de-passe",
    "Disallow: /api/",
    "",
    `Sitemap: ${platformUrl("/sitemap.xml")}`,
  ];
  return new Response(`${lines.join("\n")}\n`, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
