import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Vérifiez votre boîte e-mail", robots: { index: false } };

export default function LinkSentPage() {
  const t = getTranslator("fr");
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.linkSentTitle")}</h1>
      <p role="status">{t("auth.linkSentMessage")}</p>
    </section>
  );
}
