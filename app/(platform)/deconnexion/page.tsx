import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { signOutEverywhere } from "@/lib/auth/actions";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Déconnexion", robots: { index: false } };

export default function SignOutPage() {
  const t = getTranslator("fr");
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.signOutTitle")}</h1>
      <p className="mb-4">{t("auth.signOutConfirm")}</p>
      <ActionForm action={signOutEverywhere} fields={[]} submitLabel={t("auth.signOut")} pendingLabel={t("auth.signOut")} />
    </section>
  );
}
