import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { requestPasswordReset } from "@/lib/auth/actions";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Mot de passe oublié", robots: { index: false } };

export default function ForgotPasswordPage() {
  const t = getTranslator("fr");
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.resetTitle")}</h1>
      <p className="mb-6">{t("auth.resetIntro")}</p>
      <ActionForm
        action={requestPasswordReset}
        fields={[{ name: "email", label: t("auth.email"), type: "email", autoComplete: "email", required: true }]}
        submitLabel={t("auth.resetSubmit")}
        pendingLabel={t("auth.linkPending")}
      />
    </section>
  );
}
