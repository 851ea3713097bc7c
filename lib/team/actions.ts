"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { acceptInvitation, inviteMember, removeMember, revokeInvitation } from "./mutations";

const t = getTranslator("fr");
const id = z.coerce.number().int().positive();

export async function inviteMemberAction(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["email", "role"]);
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const blogId = id.safeParse(formData.get("blogId"));
  if (!blogId.success) return formError(t("forms.notAllowed"), values);
  const result = await inviteMember({ userId: user.id, blogId: blogId.data, email: formData.get("email"), role: formData.get("role") });
  if (result.ok) refresh();
  return result;
}

export async function revokeInvitationAction(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const ids = z.object({ blogId: id, invitationId: id }).safeParse(Object.fromEntries(formData));
  if (!ids.success) return formError(t("admin.teamInvitationNotFound"), {});
  const result = await revokeInvitation({ userId: user.id, ...ids.data });
  if (!result.ok) return result;
  // The invitation's row (and this form) is gone from the page: the page itself says it is done.
  redirect(`/admin/${result.blogSlug}/equipe?annulee=1`);
}

export async function removeMemberAction(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const input = z.object({ blogId: id, memberUserId: z.string().min(1).max(100) }).safeParse(Object.fromEntries(formData));
  if (!input.success) return formError(t("admin.teamMemberNotFound"), {});
  const result = await removeMember({ userId: user.id, ...input.data });
  if (!result.ok) return result;
  // Someone who left the blog has nothing more to see on its team page.
  redirect(result.removedSelf ? "/admin" : `/admin/${result.blogSlug}/equipe?retire=1`);
}

export async function acceptInvitationAction(_: FormState, formData: FormData): Promise<FormResult> {
  const token = String(formData.get("token") ?? "");
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const result = await acceptInvitation({ userId: user.id, token });
  if (!result.ok) return formError(t(result.reason === "wrongAccount" ? "admin.teamInvitationWrongAccountShort" : "admin.teamInvitationInvalid"), {});
  redirect(`/admin/${result.blogSlug}/articles`);
}
