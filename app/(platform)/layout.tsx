import type { Metadata } from "next";
import "../globals.css";
import { PlatformBar } from "@/components/platform/platform-bar";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = {
  title: { default: "Carnet — votre blog, simplement", template: "%s — Carnet" },
  description: "Carnet héberge votre blog gratuitement : écrivez, publiez, échangez avec vos lecteurs.",
  icons: { icon: "/favicon.ico", apple: "/apple-touch-icon.png" },
};

// The platform's own pages (home, help, administration): French, one shell. Its links are relative
// (some of these pages are rendered at build, which knows nothing of the address).
export default function PlatformLayout({ children }: { children: React.ReactNode }) {
  const t = getTranslator("fr");
  return (
    <html lang="fr">
      <body className="flex min-h-screen flex-col font-sans antialiased">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
          {t("blog.skipToContent")}
        </a>
        <header>
          <PlatformBar t={t} onPlatform />
        </header>
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-10">
          {children}
        </main>
        <footer className="border-t border-stone-300 py-6 text-center text-sm text-[var(--color-muted)]">
          <p>
            Carnet, hébergement de blogs libre · <a href="/a-propos">À propos</a> ·{" "}
            <a href="/aide">Aide</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
