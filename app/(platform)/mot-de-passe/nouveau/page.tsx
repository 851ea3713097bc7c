import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { isTokenValid } from "@/lib/auth/mutations";
import { resetPassword } from "@/lib/auth/actions";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Nouveau mot de passe", robots: { index: false } };

export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const t = getTranslator("fr");
  const token = (await searchParams).jeton ?? "";
  const valid = token.length > 0 && token.length < 200 && (await isTokenValid("reset:", token));
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.newPasswordTitle")}</h1>
      {valid ? (
        <ActionForm
          action={resetPassword}
          hidden={{ jeton: token }}
          fields={[{ name: "password", label: t("auth.newPassword"), type: "password", autoComplete: "new-password", required: true, hint: t("auth.passwordHint") }]}
          submitLabel={t("auth.newPasswordSubmit")}
          pendingLabel={t("auth.signUpPending")}
        />
      ) : (
        <p role="alert">
          {t("auth.resetLinkInvalid")} <a href="/mot-de-passe/oublie">{t("auth.resetSubmit")}</a>
        </p>
      )}
    </section>
  );
}
