import type { Metadata } from "next";
import { SubmitButton } from "@/components/ui/submit-button";
import { signOutEverywhere } from "@/lib/auth/actions";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Déconnexion", robots: { index: false } };

export default function SignOutPage() {
  const t = getTranslator("fr");
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.signOutTitle")}</h1>
      <p className="mb-4">{t("auth.signOutConfirm")}</p>
      <form action={signOutEverywhere}>
        <SubmitButton pendingLabel={t("auth.signOut")}>{t("auth.signOut")}</SubmitButton>
      </form>
    </section>
  );
}
