import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { signUp } from "@/lib/auth/actions";
import { getSessionUser, safeReturnPath } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Créer un compte", robots: { index: false } };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ retour?: string }> }) {
  const t = getTranslator("fr");
  const returnPath = safeReturnPath((await searchParams).retour);
  if (await getSessionUser()) redirect(returnPath);
  return (
    <section aria-labelledby="inscription-titre" className="mx-auto max-w-xl">
      <h1 id="inscription-titre" className="mb-6 font-serif text-3xl font-bold">
        {t("auth.signUpTitle")}
      </h1>
      <ActionForm
        action={signUp}
        hidden={{ retour: returnPath }}
        fields={[
          { name: "name", label: t("auth.name"), autoComplete: "name", required: true, maxLength: 80 },
          { name: "email", label: t("auth.email"), type: "email", autoComplete: "email", required: true },
          { name: "password", label: t("auth.password"), type: "password", autoComplete: "new-password", required: true, hint: t("auth.passwordHint") },
        ]}
        submitLabel={t("auth.signUpSubmit")}
        pendingLabel={t("auth.signUpPending")}
      />
      <p className="mt-4 text-sm">
        {t("auth.alreadyAccount")} <a href={`/connexion?retour=${encodeURIComponent(returnPath)}`}>{t("auth.signInSubmit")}</a>
      </p>
    </section>
  );
}
