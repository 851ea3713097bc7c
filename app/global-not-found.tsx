import type { Metadata } from "next";
import "./globals.css";
import { PlatformBar } from "@/components/platform/platform-bar";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = {
  title: "Page introuvable — Carnet",
  description: "Cette page n'existe pas sur Carnet.",
};

// Any address of the platform that matches no route.
export default function GlobalNotFound() {
  const t = getTranslator("fr");
  return (
    <html lang="fr">
      <body className="min-h-screen font-sans antialiased">
        <header>
          <PlatformBar t={t} onPlatform />
        </header>
        <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
          <h1 className="font-serif text-3xl font-bold">{t("notFound.title")}</h1>
          <p className="mt-4">{t("notFound.message")}</p>
          <p className="mt-4">
            <a href="/">{t("notFound.backToPlatform")}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
