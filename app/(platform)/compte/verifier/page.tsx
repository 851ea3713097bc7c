import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { confirmAddress } from "@/lib/auth/actions";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Confirmer mon adresse e-mail", robots: { index: false } };

// A button rather than a change on GET: mail scanners open links, they do not submit forms. The link
// is the proof: no session is needed (it may be opened on another device), and it signs the person in.
export default async function VerifyAddressPage({ searchParams }: { searchParams: Promise<{ jeton?: string | string[]; retour?: string | string[] }> }) {
  const t = getTranslator("fr");
  const { jeton, retour } = await searchParams;
  const token = typeof jeton === "string" ? jeton.slice(0, 200) : "";
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">{t("auth.verifyTitle")}</h1>
      <ActionForm action={confirmAddress} hidden={{ jeton: token, retour: safeReturnPath(retour) }} fields={[]} submitLabel={t("auth.verifySubmit")} pendingLabel={t("auth.linkPending")} />
    </section>
  );
}
