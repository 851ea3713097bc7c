import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { forbidden } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmForm } from "@/components/team/confirm-form";
import { InviteForm } from "@/components/team/invite-form";
import { requireMemberBlog } from "@/lib/blogs/access";
import { formatLongDate, getTranslator } from "@/lib/i18n";
import { inviteMemberAction, removeMemberAction, revokeInvitationAction } from "@/lib/team/actions";
import { getTeamForOwner } from "@/lib/team/queries";

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "admin.navTeam");
}

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ retire?: string; annulee?: string }> };

export default async function TeamPage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const { user, blog } = await requireMemberBlog(slug, `/admin/${slug}/equipe`, "team.manage");
  const t = getTranslator(blog.language);
  const team = await getTeamForOwner({ userId: user.id, blogId: blog.id });
  if (!team) forbidden();
  const owners = team.members.filter((member) => member.role === "owner").length;
  const roleName = (role: string) => (role === "owner" ? t("admin.teamRoleOwner") : t("admin.teamRoleAuthor"));
  const date = (epochMs: number) => formatLongDate(epochMs, blog.language, blog.timeZone);
  const notice = query.retire ? t("admin.teamRemovedNotice") : query.annulee ? t("admin.teamRevoked") : null;

  return (
    <div className="max-w-3xl space-y-10">
      <header>
        <h1 className="font-serif text-3xl font-bold">{t("admin.teamTitle")}</h1>
        <p className="text-[var(--color-muted)]">{t("admin.teamIntro")}</p>
      </header>
      {notice ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="membres-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="membres-titre" className="mb-4 font-serif text-xl font-bold">
          {t("admin.teamMembers")}
        </h2>
        <ul className="divide-y divide-stone-200">
          {team.members.map((member) => {
            const self = member.userId === user.id;
            const name = member.name || member.email || "—";
            return (
              <li key={member.userId} className="space-y-1 py-3" data-testid="team-member">
                <p>
                  <strong>{name}</strong> {self ? <span className="text-[var(--color-muted)]">({t("admin.teamYou")})</span> : null} ·{" "}
                  {member.email} · {roleName(member.role)}
                </p>
                <p className="text-sm text-[var(--color-muted)]">{t("admin.teamJoined", { date: date(member.joinedAt) })}</p>
                {/* The last owner cannot leave: the blog must keep one (the server refuses it too). */}
                {member.role === "owner" && owners <= 1 ? null : (
                  <ConfirmForm
                    action={removeMemberAction}
                    hidden={{ blogId: String(blog.id), memberUserId: member.userId }}
                    summary={t("admin.teamRemove")}
                    question={self ? t("admin.teamLeaveQuestion") : t("admin.teamRemoveQuestion", { name })}
                    confirmLabel={t("admin.teamRemoveConfirm")}
                    pendingLabel={t("admin.teamRemovePending")}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="invitations-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="invitations-titre" className="mb-4 font-serif text-xl font-bold">
          {t("admin.teamInvitations")}
        </h2>
        {team.invitations.length === 0 ? (
          <p>{t("admin.teamNoInvitations")}</p>
        ) : (
          <ul className="divide-y divide-stone-200">
            {team.invitations.map((invitation) => (
              <li key={invitation.id} className="space-y-2 py-3" data-testid="team-invitation">
                <p>
                  <strong>{invitation.email}</strong> · {t("admin.teamInvitationLine", { role: roleName(invitation.role), date: date(invitation.invitedAt) })} ·{" "}
                  {invitation.expired ? t("admin.teamInvitationExpired") : t("admin.teamInvitationExpires", { date: date(invitation.expiresAt) })}
                </p>
                <ActionForm
                  action={revokeInvitationAction}
                  fields={[]}
                  hidden={{ blogId: String(blog.id), invitationId: String(invitation.id) }}
                  submitLabel={t("admin.teamRevoke")}
                  pendingLabel={t("admin.teamRevokePending")}
                  className="space-y-2"
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="inviter-titre" className="rounded-lg bg-white p-6 shadow-sm">
        <h2 id="inviter-titre" className="mb-4 font-serif text-xl font-bold">
          {t("admin.teamInviteTitle")}
        </h2>
        <InviteForm
          action={inviteMemberAction}
          blogId={blog.id}
          roles={[
            { value: "author", label: t("admin.teamRoleAuthor") },
            { value: "owner", label: t("admin.teamRoleOwner") },
          ]}
          labels={{ email: t("admin.teamInviteEmail"), role: t("admin.teamInviteRole"), submit: t("admin.teamInviteSubmit"), pending: t("admin.teamInvitePending") }}
        />
      </section>
    </div>
  );
}
