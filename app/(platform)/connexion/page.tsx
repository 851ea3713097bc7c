import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { requestSignInLink, signInWithPassword } from "@/lib/auth/actions";
import { getSessionUser, safeReturnPath } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Connexion", robots: { index: false } };

type Props = { searchParams: Promise<{ retour?: string; error?: string; motdepasse?: string; session?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const t = getTranslator("fr");
  const query = await searchParams;
  const returnPath = safeReturnPath(query.retour);
  if (await getSessionUser()) redirect(returnPath);
  return (
    <div className="mx-auto grid max-w-4xl gap-10 md:grid-cols-2">
      <section aria-labelledby="connexion-titre">
        <h1 id="connexion-titre" className="mb-2 font-serif text-3xl font-bold">
          {t("auth.signInTitle")}
        </h1>
        <p className="mb-6 text-[var(--color-muted)]">{t("auth.signInIntro")}</p>
        {query.error === "Verification" ? (
          <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {t("auth.linkError")}
          </p>
        ) : null}
        {query.session === "expiree" ? (
          <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {t("forms.sessionExpiredSignIn")}
          </p>
        ) : null}
        {query.motdepasse === "change" ? (
          <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {t("auth.newPasswordDone")}
          </p>
        ) : null}
        <ActionForm
          action={signInWithPassword}
          hidden={{ retour: returnPath }}
          fields={[
            { name: "email", label: t("auth.email"), type: "email", autoComplete: "email", required: true },
            { name: "password", label: t("auth.password"), type: "password", autoComplete: "current-password", required: true },
          ]}
          submitLabel={t("auth.signInSubmit")}
          pendingLabel={t("auth.signInPending")}
        />
        <p className="mt-4 text-sm">
          <a href="/mot-de-passe/oublie">{t("auth.forgotPassword")}</a>
        </p>
        <p className="mt-2 text-sm">
          {t("auth.noAccount")} <a href={`/inscription?retour=${encodeURIComponent(returnPath)}`}>{t("auth.signUpLink")}</a>
        </p>
      </section>
      <section aria-labelledby="lien-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="lien-titre" className="mb-2 font-serif text-xl font-bold">
          {t("auth.linkTitle")}
        </h2>
        <p className="mb-4 text-sm">{t("auth.linkIntro")}</p>
        <ActionForm
          action={requestSignInLink}
          hidden={{ retour: returnPath }}
          fields={[{ name: "email", label: t("auth.email"), type: "email", autoComplete: "email", required: true }]}
          submitLabel={t("auth.linkSubmit")}
          pendingLabel={t("auth.linkPending")}
        />
      </section>
    </div>
  );
}
