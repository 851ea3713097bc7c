import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asMember, getMemberBlog } from "@/lib/blogs/access";
import { db } from "@/lib/db";
import { blogInvitations, blogMembers, blogs, users, type MemberRole } from "@/lib/db/schema";
import { can } from "@/lib/permissions";
import { hashInvitationToken, isInvitationTokenShape } from "./tokens";

export type TeamMember = { userId: string; name: string | null; email: string | null; role: MemberRole; joinedAt: number };
export type PendingInvitation = { id: number; email: string; role: MemberRole; invitedAt: number; expiresAt: number; expired: boolean };

/** The members and pending invitations of a blog, for one of its owners; null for anyone else. */
export async function getTeamForOwner(input: { userId: string; blogId: number }, now = Date.now()): Promise<{ members: TeamMember[]; invitations: PendingInvitation[] } | null> {
  const member = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!member || !can(asMember(member, input.userId), "team.manage")) return null;
  const [members, invitations] = await Promise.all([
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: blogMembers.role, joinedAt: blogMembers.createdAt })
      .from(blogMembers)
      .innerJoin(users, eq(users.id, blogMembers.userId))
      .where(eq(blogMembers.blogId, member.id))
      .orderBy(asc(blogMembers.createdAt), asc(users.email)),
    db
      .select({
        id: blogInvitations.id,
        email: blogInvitations.email,
        role: blogInvitations.role,
        invitedAt: blogInvitations.createdAt,
        expiresAt: blogInvitations.expiresAt,
      })
      .from(blogInvitations)
      .where(and(eq(blogInvitations.blogId, member.id), isNull(blogInvitations.acceptedAt)))
      .orderBy(asc(blogInvitations.createdAt)),
  ]);
  return { members, invitations: invitations.map((invitation) => ({ ...invitation, expired: invitation.expiresAt <= now })) };
}

export type InvitationView = {
  blogSlug: string;
  blogTitle: string;
  email: string;
  role: MemberRole;
  inviterName: string | null;
  state: "open" | "expired" | "accepted";
};

/** What the invitation page shows to whoever holds the link; null for a token that was never issued. */
export async function getInvitationByToken(token: string, now = Date.now()): Promise<InvitationView | null> {
  if (!isInvitationTokenShape(token)) return null;
  const inviter = alias(users, "inviter");
  const [row] = await db
    .select({
      blogSlug: blogs.slug,
      blogTitle: blogs.title,
      email: blogInvitations.email,
      role: blogInvitations.role,
      inviterName: inviter.name,
      expiresAt: blogInvitations.expiresAt,
      acceptedAt: blogInvitations.acceptedAt,
    })
    .from(blogInvitations)
    .innerJoin(blogs, eq(blogs.id, blogInvitations.blogId))
    .leftJoin(inviter, eq(inviter.id, blogInvitations.invitedBy))
    .where(eq(blogInvitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) return null;
  const { expiresAt, acceptedAt, ...view } = row;
  return { ...view, state: acceptedAt !== null ? "accepted" : expiresAt <= now ? "expired" : "open" };
}
