import type { Metadata } from "next";
import { ActionForm } from "@/components/forms/action-form";
import { normalizeEmail } from "@/lib/auth/email";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n";
import { acceptInvitationAction } from "@/lib/team/actions";
import { getInvitationByToken } from "@/lib/team/queries";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Invitation", robots: { index: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function InvitationPage({ params }: Props) {
  const t = getTranslator("fr");
  const { token } = await params;
  const [invitation, user] = await Promise.all([getInvitationByToken(token), getSessionUser()]);

  if (!invitation || invitation.state !== "open") {
    return (
      <section aria-labelledby="invitation-titre" className="mx-auto max-w-xl space-y-4">
        <h1 id="invitation-titre" className="font-serif text-3xl font-bold">
          {invitation ? t("admin.teamInvitationTitle", { blog: invitation.blogTitle }) : t("admin.teamInvitationUnknownTitle")}
        </h1>
        <p role="alert">{invitation?.state === "accepted" ? t("admin.teamInvitationAccepted") : t("admin.teamInvitationInvalid")}</p>
        {user ? (
          <p>
            <a href="/admin">{t("admin.teamInvitationGoToBlogs")}</a>
          </p>
        ) : null}
      </section>
    );
  }

  const here = `/invitation/${token}`;
  const role = invitation.role === "owner" ? t("admin.teamRoleOwnerLower") : t("admin.teamRoleAuthorLower");
  return (
    <section aria-labelledby="invitation-titre" className="mx-auto max-w-xl space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <h1 id="invitation-titre" className="font-serif text-3xl font-bold">
        {t("admin.teamInvitationTitle", { blog: invitation.blogTitle })}
      </h1>
      <p>{t("admin.teamInvitationIntro", { inviter: invitation.inviterName ?? "Carnet", role })}</p>
      {!user ? (
        <>
          <p>{t("admin.teamInvitationSignedOut", { email: invitation.email })}</p>
          <p className="flex flex-wrap gap-4">
            <a href={`/connexion?retour=${encodeURIComponent(here)}`} className="font-semibold">
              {t("admin.teamInvitationSignIn")}
            </a>
            <a href={`/inscription?retour=${encodeURIComponent(here)}`}>{t("admin.teamInvitationSignUp")}</a>
          </p>
        </>
      ) : normalizeEmail(user.email ?? "") !== invitation.email ? (
        <>
          <p role="alert">{t("admin.teamInvitationWrongAccount", { email: invitation.email, current: user.email ?? "" })}</p>
          <p>
            <a href="/deconnexion">{t("admin.teamInvitationSignOut")}</a>
          </p>
        </>
      ) : (
        <ActionForm
          action={acceptInvitationAction}
          fields={[]}
          hidden={{ token }}
          submitLabel={t("admin.teamInvitationAccept")}
          pendingLabel={t("admin.teamInvitationAccepting")}
        />
      )}
    </section>
  );
}
