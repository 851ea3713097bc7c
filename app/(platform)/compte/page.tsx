import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { changeDisplayNameAction } from "@/lib/account/actions";
import { changePassword, requestEmailChange } from "@/lib/auth/actions";
import { requireSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Mon compte", robots: { index: false } };

/** One setting of the account: a titled card holding its form. */
function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-titre`} className="rounded-lg bg-white p-6 shadow-sm">
      <h2 id={`${id}-titre`} className="mb-4 font-serif text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AccountPage() {
  const t = getTranslator("fr");
  const user = await requireSessionUser("/compte");
  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("auth.accountTitle")}</h1>
        <p className="text-[var(--color-muted)]">{t("auth.signedInAs", { email: user.email ?? "" })}</p>
      </header>
      <Card id="nom" title={t("auth.nameTitle")}>
        <ActionForm
          action={changeDisplayNameAction}
          fields={[{ name: "name", label: t("auth.name"), autoComplete: "name", required: true, maxLength: 80, defaultValue: user.name ?? "" }]}
          submitLabel={t("auth.nameSubmit")}
          pendingLabel={t("editor.saving")}
        />
      </Card>
      <Card id="mdp" title={t("auth.changePasswordTitle")}>
        <ActionForm
          action={changePassword}
          fields={[
            { name: "currentPassword", label: t("auth.currentPassword"), type: "password", autoComplete: "current-password", required: true },
            { name: "password", label: t("auth.newPassword"), type: "password", autoComplete: "new-password", required: true, hint: t("auth.passwordHint") },
          ]}
          submitLabel={t("auth.changePasswordSubmit")}
          pendingLabel={t("auth.signUpPending")}
        />
      </Card>
      <Card id="adresse" title={t("auth.changeEmailTitle")}>
        <ActionForm
          action={requestEmailChange}
          fields={[
            { name: "email", label: t("auth.newEmail"), type: "email", autoComplete: "email", required: true },
            { name: "currentPassword", label: t("auth.currentPassword"), type: "password", autoComplete: "current-password", required: true },
          ]}
          submitLabel={t("auth.changeEmailSubmit")}
          pendingLabel={t("auth.linkPending")}
        />
      </Card>
      <p className="flex flex-wrap gap-6">
        <a href="/deconnexion">{t("auth.signOut")}</a>
        <a href="/compte/supprimer">{t("leaving.accountLink")}</a>
      </p>
    </div>
  );
}
