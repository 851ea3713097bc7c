import "server-only";
import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { emailSchema, normalizeEmail } from "@/lib/auth/email";
import { asMember, getMemberBlog, type MemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { blogInvitations, blogMembers, blogs, MEMBER_ROLES, users } from "@/lib/db/schema";
import { fieldErrorsFrom, formError, type FormResult } from "@/lib/forms";
import { formatLongDate, getTranslator } from "@/lib/i18n";
import { queueEmail } from "@/lib/mail/outbox";
import { can } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { platformUrl } from "@/lib/urls";
import { hashInvitationToken, INVITATION_LIFETIME_MS, isInvitationTokenShape, newInvitationToken } from "./tokens";

const french = getTranslator("fr");

// Enough for a blog's real team; not enough to use Carnet to mail strangers.
const INVITATIONS_PER_HOUR = 20;

const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum(MEMBER_ROLES, { message: "admin.teamInvalidRole" }),
});

/** The blog, when this person may manage its team (lib/permissions.ts: its owners). */
async function ownerBlog(userId: string, blogId: number): Promise<MemberBlog | null> {
  const member = await getMemberBlog({ userId, blogId });
  return member && can(asMember(member, userId), "team.manage") ? member : null;
}

/**
 * Invites someone to write on a blog, for one of its owners: a one-week link, mailed through the outbox
 * in the same transaction. Inviting the same address again replaces the earlier link.
 */
export async function inviteMember(input: { userId: string; blogId: number; email: unknown; role: unknown }, now = Date.now()): Promise<FormResult> {
  const values = { email: typeof input.email === "string" ? input.email : "", role: typeof input.role === "string" ? input.role : "" };
  const blog = await ownerBlog(input.userId, input.blogId);
  if (!blog) return formError(french("forms.notAllowed"), values);
  // The blog's own language from here on: its team page, and the invitation to it.
  const t = getTranslator(blog.language);
  const parsed = inviteSchema.safeParse({ email: input.email, role: input.role });
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  const { email, role } = parsed.data;

  const [alreadyMember] = await db
    .select({ userId: blogMembers.userId })
    .from(blogMembers)
    .innerJoin(users, eq(users.id, blogMembers.userId))
    .where(and(eq(blogMembers.blogId, blog.id), eq(users.email, email)))
    .limit(1);
  if (alreadyMember) return formError(t("forms.fixErrors"), values, { email: t("admin.teamAlreadyMember") });
  if (!(await consumeRateLimit(`team-invite:blog:${blog.id}`, INVITATIONS_PER_HOUR, 60 * 60_000, now))) {
    return formError(t("forms.tooManyRequests"), values);
  }

  const [inviter] = await db.select({ name: users.name, email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, input.userId)).limit(1);
  // Carnet sends no invitation on behalf of someone whose address is not proved.
  if (!inviter?.emailVerified) return formError(t("auth.verifyBeforeInviting"), values);
  const inviterName = inviter?.name || inviter?.email || "";
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = now + INVITATION_LIFETIME_MS;
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(blogInvitations)
      .values({ blogId: blog.id, email, role, tokenHash, invitedBy: input.userId, expiresAt, createdAt: now })
      .onConflictDoUpdate({
        target: [blogInvitations.blogId, blogInvitations.email],
        set: { role, tokenHash, invitedBy: input.userId, expiresAt, acceptedAt: null, createdAt: now },
      })
      .returning({ id: blogInvitations.id });
    if (!invitation) throw new Error("invitation not written");
    const roleName = t(role === "owner" ? "admin.teamRoleOwnerLower" : "admin.teamRoleAuthorLower");
    await queueEmail(
      tx,
      {
        key: `team-invitation:${invitation.id}:${tokenHash.slice(0, 24)}`,
        kind: "team-invitation",
        blogId: blog.id,
        to: email,
        subject: t("admin.teamInviteMailSubject", { inviter: inviterName, blog: blog.title }),
        text: t("admin.teamInviteMailText", {
          inviter: inviterName,
          blog: blog.title,
          role: roleName,
          url: platformUrl(`/invitation/${token}`),
          expires: formatLongDate(expiresAt, "fr", blog.timeZone),
        }),
      },
      now,
    );
  });
  return { ok: true, message: t("admin.teamInviteSent", { email }) };
}

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(input: { userId: string; blogId: number; invitationId: number }): Promise<FormResult<{ blogSlug: string }>> {
  const blog = await ownerBlog(input.userId, input.blogId);
  if (!blog) return formError(french("forms.notAllowed"), {});
  const t = getTranslator(blog.language);
  const deleted = await db
    .delete(blogInvitations)
    .where(and(eq(blogInvitations.id, input.invitationId), eq(blogInvitations.blogId, blog.id), isNull(blogInvitations.acceptedAt)))
    .returning({ id: blogInvitations.id });
  if (deleted.length === 0) return formError(t("admin.teamInvitationNotFound"), {});
  return { ok: true, message: t("admin.teamRevoked"), blogSlug: blog.slug };
}

/**
 * Removes a member, for one of the blog's owners (an owner may remove themself). The blog always keeps
 * an owner: the check is part of the DELETE itself, so two owners removing each other at once cannot
 * both succeed.
 */
export async function removeMember(input: {
  userId: string;
  blogId: number;
  memberUserId: string;
}): Promise<FormResult<{ removedSelf: boolean; blogSlug: string }>> {
  const blog = await ownerBlog(input.userId, input.blogId);
  if (!blog) return formError(french("forms.notAllowed"), {});
  const t = getTranslator(blog.language);
  const [target] = await db
    .select({ role: blogMembers.role, name: users.name, email: users.email })
    .from(blogMembers)
    .innerJoin(users, eq(users.id, blogMembers.userId))
    .where(and(eq(blogMembers.blogId, blog.id), eq(blogMembers.userId, input.memberUserId)))
    .limit(1);
  if (!target) return formError(t("admin.teamMemberNotFound"), {});

  const otherOwners = sql`(select count(*) from ${blogMembers} where ${blogMembers.blogId} = ${blog.id} and ${blogMembers.role} = 'owner' and ${blogMembers.userId} != ${input.memberUserId})`;
  const removed = await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(blogMembers)
      .where(
        and(
          eq(blogMembers.blogId, blog.id),
          eq(blogMembers.userId, input.memberUserId),
          or(ne(blogMembers.role, "owner"), gt(otherOwners, 0)),
        ),
      )
      .returning({ userId: blogMembers.userId });
    if (deleted.length === 0) return false;
    // blog.owner_id names the account responsible for the blog: hand it to an owner who stays.
    await tx
      .update(blogs)
      .set({
        ownerId: sql`(select ${blogMembers.userId} from ${blogMembers} where ${blogMembers.blogId} = ${blog.id} and ${blogMembers.role} = 'owner' order by ${blogMembers.createdAt} limit 1)`,
      })
      .where(and(eq(blogs.id, blog.id), eq(blogs.ownerId, input.memberUserId)));
    return true;
  });
  if (!removed) return formError(t("admin.teamLastOwner"), {});
  const removedSelf = input.memberUserId === input.userId;
  return { ok: true, message: t("admin.teamRemoved", { name: target.name || target.email || "" }), removedSelf, blogSlug: blog.slug };
}

export type AcceptResult =
  | { ok: true; blogSlug: string; alreadyMember: boolean }
  | { ok: false; reason: "invalid" | "wrongAccount" };

/**
 * Accepts an invitation for the signed-in person. The link was mailed to one address: only the account
 * with that address may use it, so a forwarded or leaked link does not let someone else in.
 */
export async function acceptInvitation(input: { userId: string; token: string }, now = Date.now()): Promise<AcceptResult> {
  if (!isInvitationTokenShape(input.token)) return { ok: false, reason: "invalid" };
  const tokenHash = hashInvitationToken(input.token);
  const [account] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: blogInvitations.id, blogId: blogInvitations.blogId, email: blogInvitations.email, role: blogInvitations.role, blogSlug: blogs.slug })
      .from(blogInvitations)
      .innerJoin(blogs, eq(blogs.id, blogInvitations.blogId))
      .where(and(eq(blogInvitations.tokenHash, tokenHash), isNull(blogInvitations.acceptedAt), gt(blogInvitations.expiresAt, now)))
      .limit(1);
    if (!invitation) return { ok: false, reason: "invalid" } as const;
    if (!account?.email || normalizeEmail(account.email) !== invitation.email) return { ok: false, reason: "wrongAccount" } as const;
    const accepted = await tx
      .update(blogInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(blogInvitations.id, invitation.id), isNull(blogInvitations.acceptedAt)))
      .returning({ id: blogInvitations.id });
    if (accepted.length === 0) return { ok: false, reason: "invalid" } as const;
    const joined = await tx
      .insert(blogMembers)
      .values({ blogId: invitation.blogId, userId: input.userId, role: invitation.role, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: blogMembers.userId });
    return { ok: true, blogSlug: invitation.blogSlug, alreadyMember: joined.length === 0 } as const;
  });
}
