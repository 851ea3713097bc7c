"use server";

import { z } from "zod";
import { blogAction, userAction, type Done, type RunOutcome } from "@/lib/actions/pipeline";
import type { FormResult } from "@/lib/forms";
import { acceptInvitation, inviteMember, removeMember, revokeInvitation } from "./mutations";

// The team page's actions go through lib/actions/pipeline.ts: blogAction for the owners (team.manage),
// userAction for the invited person accepting with their own account.

const id = z.coerce.number().int().positive();

/** A refusal of the team's writes (which word their own messages), as the pipeline returns it. */
const refused = (result: Extract<FormResult, { ok: false }>): RunOutcome => ({ ok: false, error: result.error, fieldErrors: result.fieldErrors });

export const inviteMemberAction = blogAction({
  // The address and the role are checked by inviteMember, whose messages name the field.
  schema: z.object({ blogId: id, email: z.string().max(320).default(""), role: z.string().max(20).default("") }),
  keep: ["email", "role"],
  permission: "team.manage",
  run: async ({ input, user, member }): Done => {
    const result = await inviteMember({ userId: user.id, blogId: member.id, email: input.email, role: input.role });
    return result.ok ? { ok: true, message: result.message, refresh: true } : refused(result);
  },
});

export const revokeInvitationAction = blogAction({
  schema: z.object({ blogId: id, invitationId: id }),
  permission: "team.manage",
  run: async ({ input, user, member }): Done => {
    const result = await revokeInvitation({ userId: user.id, blogId: member.id, invitationId: input.invitationId });
    // The invitation's row (and this form) is gone from the page: the page itself says it is done.
    return result.ok ? { ok: true, redirectTo: `/admin/${member.slug}/equipe?annulee=1` } : refused(result);
  },
});

export const removeMemberAction = blogAction({
  schema: z.object({ blogId: id, memberUserId: z.string().min(1).max(100) }),
  permission: "team.manage",
  run: async ({ input, user, member }): Done => {
    const result = await removeMember({ userId: user.id, blogId: member.id, memberUserId: input.memberUserId });
    if (!result.ok) return refused(result);
    // Someone who left the blog has nothing more to see on its team page.
    return { ok: true, redirectTo: result.removedSelf ? "/admin" : `/admin/${member.slug}/equipe?retire=1` };
  },
});

export const acceptInvitationAction = userAction({
  schema: z.object({ token: z.string().max(200).default("") }),
  run: async ({ input, user, t }): Done => {
    const result = await acceptInvitation({ userId: user.id, token: input.token });
    if (!result.ok) return { ok: false, error: t(result.reason === "wrongAccount" ? "admin.teamInvitationWrongAccountShort" : "admin.teamInvitationInvalid") };
    return { ok: true, redirectTo: `/admin/${result.blogSlug}/articles` };
  },
});
