import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { blogInvitations, blogMembers, emailOutbox, users } from "@/lib/db/schema";
import { acceptInvitationAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "@/lib/team/actions";
import { asUser, formOf, makeSignedInTeam, makeSignedInUser, redirectOf, type TestAccount, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let team: TestTeam;
let newcomer: TestAccount;
let newcomerEmail = "";
beforeAll(async () => {
  team = await makeSignedInTeam();
  newcomer = await makeSignedInUser("Noémie Nouvelle");
  newcomerEmail = (await db.select({ email: users.email }).from(users).where(eq(users.id, newcomer.userId)))[0]!.email!;
});

const invitationsOf = (blogId: number) => db.select({ id: blogInvitations.id, email: blogInvitations.email }).from(blogInvitations).where(eq(blogInvitations.blogId, blogId));
const isMember = async (blogId: number, userId: string) =>
  (await db.select().from(blogMembers).where(and(eq(blogMembers.blogId, blogId), eq(blogMembers.userId, userId)))).length === 1;
const mailedToken = async (to: string) => {
  const [mail] = await db.select({ text: emailOutbox.textBody }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "team-invitation"))).orderBy(desc(emailOutbox.id)).limit(1);
  return /\/invitation\/([\w-]+)/.exec(mail?.text ?? "")?.[1] ?? "";
};

describe("the team's actions", () => {
  it("let an owner invite someone, who joins with the mailed link from their own account", async () => {
    asUser(team.owner);
    expect(await inviteMemberAction(null, formOf({ blogId: String(team.blog.id), email: newcomerEmail, role: "author" }))).toMatchObject({ ok: true, message: expect.stringContaining(newcomerEmail) });
    const token = await mailedToken(newcomerEmail);
    asUser(team.stranger);
    expect(await acceptInvitationAction(null, formOf({ token }))).toMatchObject({ ok: false, error: "Cette invitation a été envoyée à une autre adresse que celle de votre compte." });
    asUser(null);
    expect(await acceptInvitationAction(null, formOf({ token }))).toMatchObject({ ok: false, code: "session" });
    asUser(newcomer);
    expect(await redirectOf(acceptInvitationAction(null, formOf({ token })))).toBe(`/admin/${team.blog.slug}/articles`);
    expect(await isMember(team.blog.id, newcomer.userId)).toBe(true);
    asUser(team.owner);
    expect(await redirectOf(removeMemberAction(null, formOf({ blogId: String(team.blog.id), memberUserId: newcomer.userId })))).toBe(`/admin/${team.blog.slug}/equipe?retire=1`);
    expect(await isMember(team.blog.id, newcomer.userId)).toBe(false);
  });

  it("refuse an author, a stranger, someone signed out and forged ids, and change nothing", async () => {
    asUser(team.owner);
    await inviteMemberAction(null, formOf({ blogId: String(team.blog.id), email: "invitee@example.org", role: "author" }));
    const invitation = (await invitationsOf(team.blog.id)).find((row) => row.email === "invitee@example.org");
    const attempts = (blogId: number) => [
      inviteMemberAction(null, formOf({ blogId: String(blogId), email: "complice@example.org", role: "owner" })),
      revokeInvitationAction(null, formOf({ blogId: String(blogId), invitationId: String(invitation!.id) })),
      removeMemberAction(null, formOf({ blogId: String(blogId), memberUserId: team.author.userId })),
    ];
    for (const [who, code] of [[team.author, "forbidden"], [team.stranger, "not-member"], [null, "session"]] as const) {
      asUser(who);
      for (const answer of await Promise.all(attempts(team.blog.id))) expect(answer).toMatchObject({ ok: false, code });
    }
    // The stranger's own blog named, the victim's invitation and author sent: nothing of the victim's blog matches.
    asUser(team.stranger);
    const [, revoked, removed] = await Promise.all(attempts(team.strangersBlog.id));
    expect(revoked).toMatchObject({ ok: false, error: "Cette invitation n'existe plus." });
    expect(removed).toMatchObject({ ok: false, error: "Cette personne ne fait pas partie du blog." });
    expect((await invitationsOf(team.blog.id)).map((row) => row.email)).not.toContain("complice@example.org");
    expect((await invitationsOf(team.blog.id)).map((row) => row.email)).toContain("invitee@example.org");
    expect(await isMember(team.blog.id, team.author.userId)).toBe(true);
  });

  it("keep the last owner, and refuse a made-up invitation link", async () => {
    asUser(team.owner);
    expect(await removeMemberAction(null, formOf({ blogId: String(team.blog.id), memberUserId: team.owner.userId }))).toMatchObject({
      ok: false,
      error: "Le blog doit garder au moins un propriétaire : invitez-en un autre avant de partir.",
    });
    asUser(team.author);
    expect(await acceptInvitationAction(null, formOf({ token: "x".repeat(43) }))).toMatchObject({ ok: false, error: expect.stringContaining("plus valable") });
  });
});
