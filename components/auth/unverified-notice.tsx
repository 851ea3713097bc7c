import { ActionForm } from "@/components/forms/action-form";
import { resendAddressVerification } from "@/lib/auth/actions";
import { getAccountUser } from "@/lib/auth/users";
import { getTranslator } from "@/lib/i18n";

/** Shown in the administration while the blogger's address is not proved: what Carnet holds back, and the link again. */
export async function UnverifiedNotice({ userId }: { userId: string }) {
  const account = await getAccountUser(userId);
  if (!account || account.emailVerified) return null;
  const t = getTranslator("fr");
  return (
    <aside role="status" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="mb-2">{t("auth.unverifiedNotice")}</p>
      <ActionForm action={resendAddressVerification} fields={[]} submitLabel={t("auth.unverifiedResend")} pendingLabel={t("auth.linkPending")} />
    </aside>
  );
}
