import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { confirmEmailChange } from "@/lib/auth/actions";
import { requireSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Confirmer la nouvelle adresse", robots: { index: false } };

// A button rather than a change on GET: mail scanners open links, they do not submit forms.
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ jeton?: string }> }) {
  const t = getTranslator("fr");
  const token = (await searchParams).jeton ?? "";
  await requireSessionUser(`/compte/adresse?jeton=${encodeURIComponent(token)}`);
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.changeEmailTitle")}</h1>
      <ActionForm action={confirmEmailChange} hidden={{ jeton: token }} fields={[]} submitLabel={t("auth.changeEmailTitle")} pendingLabel={t("auth.linkPending")} />
    </section>
  );
}
