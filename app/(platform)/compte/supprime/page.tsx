import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Compte supprimé", robots: { index: false } };

export default function AccountDeletedPage() {
  const t = getTranslator("fr");
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("leaving.accountDeletedTitle")}</h1>
      <p role="status">{t("leaving.accountDeleted")}</p>
    </section>
  );
}
