import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { changePassword, requestEmailChange } from "@/lib/auth/actions";
import { requireSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Mon compte", robots: { index: false } };

export default async function AccountPage() {
  const t = getTranslator("fr");
  const user = await requireSessionUser("/compte");
  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("auth.accountTitle")}</h1>
        <p className="text-[var(--color-muted)]">{t("auth.signedInAs", { email: user.email ?? "" })}</p>
      </header>
      <section aria-labelledby="mdp-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="mdp-titre" className="mb-4 font-serif text-xl font-bold">
          {t("auth.changePasswordTitle")}
        </h2>
        <ActionForm
          action={changePassword}
          fields={[
            { name: "currentPassword", label: t("auth.currentPassword"), type: "password", autoComplete: "current-password", required: true },
            { name: "password", label: t("auth.newPassword"), type: "password", autoComplete: "new-password", required: true, hint: t("auth.passwordHint") },
          ]}
          submitLabel={t("auth.changePasswordSubmit")}
          pendingLabel={t("auth.signUpPending")}
        />
      </section>
      <section aria-labelledby="adresse-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="adresse-titre" className="mb-4 font-serif text-xl font-bold">
          {t("auth.changeEmailTitle")}
        </h2>
        <ActionForm
          action={requestEmailChange}
          fields={[
            { name: "email", label: t("auth.newEmail"), type: "email", autoComplete: "email", required: true },
            { name: "currentPassword", label: t("auth.currentPassword"), type: "password", autoComplete: "current-password", required: true },
          ]}
          submitLabel={t("auth.changeEmailSubmit")}
          pendingLabel={t("auth.linkPending")}
        />
      </section>
      <p className="flex flex-wrap gap-6">
        <a href="/deconnexion">{t("auth.signOut")}</a>
        <a href="/compte/supprimer">{t("leaving.accountLink")}</a>
      </p>
    </div>
  );
}
