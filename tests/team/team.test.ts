import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { blogInvitations, blogMembers, blogs, emailOutbox } from "@/lib/db/schema";
import { acceptInvitation, inviteMember, removeMember, revokeInvitation } from "@/lib/team/mutations";
import { getInvitationByToken, getTeamForOwner } from "@/lib/team/queries";
import { INVITATION_LIFETIME_MS } from "@/lib/team/tokens";
import { createBlog, createUser } from "../helpers/admin-fixtures";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let author: User;
let stranger: User;
let blog: Awaited<ReturnType<typeof createBlog>>;
let strangersBlog: Awaited<ReturnType<typeof createBlog>>;

beforeAll(async () => {
  owner = await createUser("Louise Fondatrice");
  author = await createUser("Paul Auteur");
  stranger = await createUser("Ève Étrangère");
  blog = await createBlog("ateliers-ecriture", owner, [{ id: author.id, role: "author" }]);
  strangersBlog = await createBlog("blog-d-eve", stranger);
});

/** The link of the last invitation mailed to `email`. */
async function mailedToken(email: string): Promise<string> {
  const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
  const last = mails.at(-1);
  const token = last?.textBody.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

const membersOf = async (blogId: number) =>
  (await db.select({ userId: blogMembers.userId, role: blogMembers.role }).from(blogMembers).where(eq(blogMembers.blogId, blogId))).sort((a, b) =>
    a.userId.localeCompare(b.userId),
  );

describe("inviting a co-author", () => {
  it("mails the invited address a link that names the blog and the role", async () => {
    const guest = await createUser("Camille Invitée");
    const result = await inviteMember({ userId: owner.id, blogId: blog.id, email: ` ${guest.email.toUpperCase()} `, role: "author" });
    expect(result).toEqual({ ok: true, message: `Invitation envoyée à ${guest.email}. Le lien est valable 7 jours.` });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, guest.email));
    expect(mail?.subject).toBe("Louise Fondatrice vous invite à écrire sur « Carnet ateliers-ecriture »");
    expect(mail?.textBody).toContain("comme auteur");
    expect(mail?.textBody).toContain("https://carnet.test/invitation/");
    const view = await getInvitationByToken(await mailedToken(guest.email));
    expect(view).toMatchObject({ blogSlug: "ateliers-ecriture", email: guest.email, role: "author", inviterName: "Louise Fondatrice", state: "open" });
  });

  it("stores only a hash of the token", async () => {
    const guest = await createUser("Hugo Haché");
    await inviteMember({ userId: owner.id, blogId: blog.id, email: guest.email, role: "author" });
    const token = await mailedToken(guest.email);
    const rows = await db.select({ tokenHash: blogInvitations.tokenHash }).from(blogInvitations).where(eq(blogInvitations.email, guest.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);
    expect(rows[0]?.tokenHash).toMatch(/^[a-f0-9]{64}$/);
  });

  it("refuses an author of the blog and a stranger naming the blog, mailing nothing", async () => {
    const before = await db.select().from(emailOutbox);
    for (const userId of [author.id, stranger.id]) {
      const result = await inviteMember({ userId, blogId: blog.id, email: "complice@exemple.test", role: "owner" });
      expect(result).toMatchObject({ ok: false, error: "Vous n'avez pas le droit de faire cela sur ce blog.", values: { email: "complice@exemple.test" } });
    }
    expect(await db.select().from(emailOutbox)).toHaveLength(before.length);
    expect(await db.select().from(blogInvitations).where(eq(blogInvitations.email, "complice@exemple.test"))).toHaveLength(0);
  });

  it("answers a bad address, an unknown role and a current member next to the field", async () => {
    expect(await inviteMember({ userId: owner.id, blogId: blog.id, email: "pas-une-adresse", role: "author" })).toEqual({
      ok: false,
      error: "Corrigez les champs signalés puis réessayez.",
      fieldErrors: { email: "Cette adresse e-mail n'est pas valide." },
      values: { email: "pas-une-adresse", role: "author" },
    });
    expect(await inviteMember({ userId: owner.id, blogId: blog.id, email: "role@exemple.test", role: "admin" })).toMatchObject({
      ok: false,
      fieldErrors: { role: "Choisissez auteur ou propriétaire." },
    });
    expect(await inviteMember({ userId: owner.id, blogId: blog.id, email: author.email, role: "author" })).toMatchObject({
      ok: false,
      fieldErrors: { email: "Cette personne fait déjà partie du blog." },
    });
  });
});

describe("accepting an invitation", () => {
  it("makes the invited account a member with the invited role, once", async () => {
    const guest = await createUser("Nadia Nouvelle");
    await inviteMember({ userId: owner.id, blogId: blog.id, email: guest.email, role: "owner" });
    const token = await mailedToken(guest.email);
    expect(await acceptInvitation({ userId: guest.id, token })).toEqual({ ok: true, blogSlug: "ateliers-ecriture", alreadyMember: false });
    expect((await membersOf(blog.id)).find((member) => member.userId === guest.id)?.role).toBe("owner");
    expect(await acceptInvitation({ userId: guest.id, token })).toEqual({ ok: false, reason: "invalid" });
    expect((await getInvitationByToken(token))?.state).toBe("accepted");
  });

  it("refuses an account with another address, even holding the link", async () => {
    const guest = await createUser("Yves Invité");
    await inviteMember({ userId: owner.id, blogId: blog.id, email: guest.email, role: "author" });
    const token = await mailedToken(guest.email);
    expect(await acceptInvitation({ userId: stranger.id, token })).toEqual({ ok: false, reason: "wrongAccount" });
    expect((await membersOf(blog.id)).some((member) => member.userId === stranger.id)).toBe(false);
  });

  it("refuses an expired link, a withdrawn link, a replaced link and a made-up one", async () => {
    const guest = await createUser("Zoé Retardataire");
    const sentAt = Date.now() - INVITATION_LIFETIME_MS - 1000;
    await inviteMember({ userId: owner.id, blogId: blog.id, email: guest.email, role: "author" }, sentAt);
    const expired = await mailedToken(guest.email);
    expect((await getInvitationByToken(expired))?.state).toBe("expired");
    expect(await acceptInvitation({ userId: guest.id, token: expired })).toEqual({ ok: false, reason: "invalid" });

    await inviteMember({ userId: owner.id, blogId: blog.id, email: guest.email, role: "author" });
    const fresh = await mailedToken(guest.email);
    expect(fresh).not.toBe(expired);
    expect(await getInvitationByToken(expired)).toBeNull();

    const [invitation] = await db.select({ id: blogInvitations.id }).from(blogInvitations).where(eq(blogInvitations.tokenHash, (await db.select({ h: blogInvitations.tokenHash }).from(blogInvitations).where(and(eq(blogInvitations.blogId, blog.id), eq(blogInvitations.email, guest.email))))[0]!.h));
    expect((await revokeInvitation({ userId: author.id, blogId: blog.id, invitationId: invitation!.id })).ok).toBe(false);
    expect((await revokeInvitation({ userId: stranger.id, blogId: strangersBlog.id, invitationId: invitation!.id })).ok).toBe(false);
    expect(await revokeInvitation({ userId: owner.id, blogId: blog.id, invitationId: invitation!.id })).toMatchObject({ ok: true, blogSlug: blog.slug });
    expect(await acceptInvitation({ userId: guest.id, token: fresh })).toEqual({ ok: false, reason: "invalid" });

    expect(await acceptInvitation({ userId: guest.id, token: "x".repeat(43) })).toEqual({ ok: false, reason: "invalid" });
    expect((await membersOf(blog.id)).some((member) => member.userId === guest.id)).toBe(false);
  });
});

describe("the team and removing members", () => {
  it("shows the team to owners only", async () => {
    const team = await getTeamForOwner({ userId: owner.id, blogId: blog.id });
    expect(team?.members.map((member) => member.userId)).toContain(author.id);
    expect(await getTeamForOwner({ userId: author.id, blogId: blog.id })).toBeNull();
    expect(await getTeamForOwner({ userId: stranger.id, blogId: blog.id })).toBeNull();
  });

  it("refuses an author, and an owner of another blog naming this one", async () => {
    const before = await membersOf(blog.id);
    expect(await removeMember({ userId: author.id, blogId: blog.id, memberUserId: owner.id })).toMatchObject({ ok: false, error: "Vous n'avez pas le droit de faire cela sur ce blog." });
    expect((await removeMember({ userId: stranger.id, blogId: blog.id, memberUserId: author.id })).ok).toBe(false);
    expect((await removeMember({ userId: stranger.id, blogId: strangersBlog.id, memberUserId: author.id })).ok).toBe(false);
    expect(await membersOf(blog.id)).toEqual(before);
  });

  it("lets the owner remove an author", async () => {
    const result = await removeMember({ userId: owner.id, blogId: blog.id, memberUserId: author.id });
    expect(result).toMatchObject({ ok: true, message: "Paul Auteur ne fait plus partie du blog.", removedSelf: false });
    expect((await membersOf(blog.id)).some((member) => member.userId === author.id)).toBe(false);
  });

  it("never leaves a blog without an owner, and hands the blog to the owner who stays", async () => {
    const founder = await createUser("Rémi Seul");
    const solo = await createBlog("carnet-solitaire", founder);
    expect(await removeMember({ userId: founder.id, blogId: solo.id, memberUserId: founder.id })).toMatchObject({
      ok: false,
      error: "Le blog doit garder au moins un propriétaire : invitez-en un autre avant de partir.",
    });
    expect(await membersOf(solo.id)).toHaveLength(1);

    const partner = await createUser("Inès Associée");
    await db.insert(blogMembers).values({ blogId: solo.id, userId: partner.id, role: "owner" });
    expect(await removeMember({ userId: founder.id, blogId: solo.id, memberUserId: founder.id })).toMatchObject({ ok: true, removedSelf: true });
    expect(await membersOf(solo.id)).toEqual([{ userId: partner.id, role: "owner" }]);
    const [row] = await db.select({ ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.id, solo.id));
    expect(row?.ownerId).toBe(partner.id);
    expect((await removeMember({ userId: partner.id, blogId: solo.id, memberUserId: partner.id })).ok).toBe(false);
  });
});
