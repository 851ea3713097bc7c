import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { hashAddress } from "@/lib/client-id";
import { applyModeration, replyAsMember, submitComment } from "@/lib/comments/mutations";
import { REPLY_CONFIRMATION_KIND, REPLY_NOTICE_KIND } from "@/lib/comments/reply-mails";
import { confirmReplySubscription, REPLY_CONFIRMATIONS_PER_HOUR, unsubscribeFromReplies } from "@/lib/comments/reply-subscriptions";
import { db } from "@/lib/db";
import { emailOutbox, replySubscriptions } from "@/lib/db/schema";
import { createBlog, createUser, submission } from "./fixtures";

// « Me prévenir des réponses »: Odile's blog holds every comment for her approval; Paul's publishes
// them at once. Readers write from addresses of their own, one client each.

let odile = "";
let paul = "";
let held: Awaited<ReturnType<typeof createBlog>>;
let open: Awaited<ReturnType<typeof createBlog>>;
let clientCounter = 0;
const client = () => ({ clientHash: hashAddress(`198.51.100.${++clientCounter}`) });

const mailsTo = (to: string, kind: string) =>
  db
    .select({ subject: emailOutbox.subject, text: emailOutbox.textBody, html: emailOutbox.htmlBody, headers: emailOutbox.headers })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, kind)));

/** The `jeton` of the first link of a mail that leads to `path`. */
function tokenOf(text: string, path: string): string {
  const link = text.split(/\s+/).find((word) => word.includes(path));
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  return new URL(link).searchParams.get("jeton") ?? "";
}

async function comment(blog: { postId: number }, email: string, body: string, options: { parentId?: number; notify?: boolean; trap?: string } = {}) {
  const outcome = await submitComment(
    submission(blog.postId, { name: email.split("@")[0], email, body }, { parentId: options.parentId ?? null, trap: options.trap ?? "", notifyReplies: options.notify ?? false }),
    client(),
  );
  if (!outcome.ok) throw new Error(`refused: ${outcome.problem}`);
  return outcome;
}

/** A reader who asked, got the confirmation once their comment was approved, and confirmed. */
async function confirmedFollower(blog: { blogId: number; postId: number }, email: string, body: string) {
  const posted = await comment(blog, email, body, { notify: true });
  if (posted.verdict.status !== "approved") await applyModeration({ blogId: blog.blogId, commentIds: [posted.commentId], operation: "approve" });
  const [confirmation] = await mailsTo(email, REPLY_CONFIRMATION_KIND);
  if (!confirmation) throw new Error("no confirmation");
  expect(await confirmReplySubscription({ blogId: blog.blogId, token: tokenOf(confirmation.text, "/commentaires/reponses/confirmer") })).toBe("confirmed");
  return posted.commentId;
}

beforeAll(async () => {
  odile = await createUser("Odile Propriétaire", "odile@example.org");
  paul = await createUser("Paul Ouvert", "paul@example.org");
  held = await createBlog({ slug: "carnet-modere", ownerId: odile, moderation: "all" });
  open = await createBlog({ slug: "carnet-ouvert", ownerId: paul, moderation: "none" });
});

describe("asking to be told of replies", () => {
  it("queues no mail for a held comment until the blogger approves it, then exactly one confirmation, even if approved again", async () => {
    const posted = await comment(held, "lea@example.org", "Je suivrai la discussion avec plaisir.", { notify: true });
    expect(posted.verdict.status).toBe("pending");
    const [row] = await db.select().from(replySubscriptions).where(eq(replySubscriptions.email, "lea@example.org"));
    expect(row).toMatchObject({ blogId: held.blogId, threadId: posted.commentId, status: "pending" });
    expect(await mailsTo("lea@example.org", REPLY_CONFIRMATION_KIND)).toEqual([]);

    await applyModeration({ blogId: held.blogId, commentIds: [posted.commentId], operation: "approve" });
    await applyModeration({ blogId: held.blogId, commentIds: [posted.commentId], operation: "trash" });
    await applyModeration({ blogId: held.blogId, commentIds: [posted.commentId], operation: "approve" });
    const confirmations = await mailsTo("lea@example.org", REPLY_CONFIRMATION_KIND);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]?.subject).toBe("Confirmez pour être prévenu des réponses à votre commentaire sur « Premier billet »");
    expect(confirmations[0]?.text).toContain("https://carnet-modere.carnet.test/commentaires/reponses/confirmer?jeton=");
    expect(confirmations[0]?.headers?.["List-Unsubscribe"]).toMatch(/^<https:\/\/carnet-modere\.carnet\.test\/api\/commentaires\/desinscription\?jeton=/);
  });

  it("never mails anybody for spam, nor for a held comment the blogger junks", async () => {
    const caught = await comment(open, "cible@example.org", "Un robot remplit tout.", { notify: true, trap: "https://pourriel.example" });
    expect(caught.verdict.status).toBe("spam");
    const waiting = await comment(held, "autre-cible@example.org", "Retenu puis jeté.", { notify: true });
    await applyModeration({ blogId: held.blogId, commentIds: [waiting.commentId], operation: "spam" });
    await applyModeration({ blogId: held.blogId, commentIds: [waiting.commentId], operation: "trash" });
    const queued = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox);
    expect(queued.map((mail) => mail.to)).not.toContain("cible@example.org");
    expect(queued.map((mail) => mail.to)).not.toContain("autre-cible@example.org");
  });

  it("asks nothing of a reader who left the box unticked", async () => {
    const posted = await comment(open, "discret@example.org", "Sans suite, merci.");
    expect(posted.verdict.status).toBe("approved");
    expect(await db.select().from(replySubscriptions).where(eq(replySubscriptions.email, "discret@example.org"))).toEqual([]);
    expect(await mailsTo("discret@example.org", REPLY_CONFIRMATION_KIND)).toEqual([]);
  });

  it("sends one address no more than a few confirmations an hour", async () => {
    for (let n = 1; n <= REPLY_CONFIRMATIONS_PER_HOUR + 2; n++) await comment(open, "inondee@example.org", `Commentaire numéro ${n}.`, { notify: true });
    expect(await mailsTo("inondee@example.org", REPLY_CONFIRMATION_KIND)).toHaveLength(REPLY_CONFIRMATIONS_PER_HOUR);
  });
});

describe("being told of replies", () => {
  it("mails a confirmed follower once per reply, with the reply as text and a link to it, however often it is approved", async () => {
    const thread = await confirmedFollower(held, "marc@example.org", "Qu'en pensez-vous, Odile ?");
    const reply = await replyAsMember({ blogId: held.blogId, userId: odile, commentId: thread, body: "Bonne question <b>Marc</b> : j'y réponds." });
    if (!reply.ok) throw new Error("reply refused");
    await applyModeration({ blogId: held.blogId, commentIds: [reply.replyId], operation: "trash" });
    await applyModeration({ blogId: held.blogId, commentIds: [reply.replyId], operation: "approve" });
    const notices = await mailsTo("marc@example.org", REPLY_NOTICE_KIND);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.subject).toBe("Odile Propriétaire a répondu sur « Premier billet »");
    expect(notice?.text).toContain("Bonne question <b>Marc</b> : j'y réponds.");
    expect(notice?.text).toMatch(new RegExp(`https://carnet-modere\\.carnet\\.test/archives/\\d{4}/\\d{2}/\\d{2}/premier-billet#commentaire-${reply.replyId}`));
    expect(notice?.html).toContain("Bonne question &lt;b&gt;Marc&lt;/b&gt;");
    expect(notice?.html).not.toContain("<b>Marc</b>");
    expect(notice?.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("mails a reader's reply, once approved, to the others who follow the thread but not to its own author", async () => {
    const thread = await confirmedFollower(open, "nina@example.org", "Ouverture du fil.");
    const otherPosted = await comment(open, "oscar@example.org", "Je suis le fil aussi.", { parentId: thread, notify: true });
    const [confirmation] = await mailsTo("oscar@example.org", REPLY_CONFIRMATION_KIND);
    expect(await confirmReplySubscription({ blogId: open.blogId, token: tokenOf(confirmation?.text ?? "", "/confirmer") })).toBe("confirmed");
    // Oscar's first reply came before he confirmed: Nina was told of it, he was not (he wrote it).
    expect(await mailsTo("nina@example.org", REPLY_NOTICE_KIND)).toHaveLength(1);
    await comment(open, "oscar@example.org", "Et je complète.", { parentId: otherPosted.commentId });
    expect(await mailsTo("nina@example.org", REPLY_NOTICE_KIND)).toHaveLength(2);
    expect(await mailsTo("oscar@example.org", REPLY_NOTICE_KIND)).toEqual([]);
    await comment(open, "nina@example.org", "Merci Oscar !", { parentId: thread });
    expect(await mailsTo("oscar@example.org", REPLY_NOTICE_KIND)).toHaveLength(1);
    expect(await mailsTo("nina@example.org", REPLY_NOTICE_KIND)).toHaveLength(2);
  });

  it("mails nothing more to an address that unsubscribed, and says so again on a second click", async () => {
    const thread = await confirmedFollower(open, "rose@example.org", "Je veux bien des nouvelles.");
    await comment(open, "sam@example.org", "Première réponse.", { parentId: thread });
    const [notice] = await mailsTo("rose@example.org", REPLY_NOTICE_KIND);
    const oneClick = /^<(.+)>$/.exec(notice?.headers?.["List-Unsubscribe"] ?? "")?.[1] ?? "";
    const token = new URL(oneClick).searchParams.get("jeton") ?? "";
    expect(await unsubscribeFromReplies({ blogId: open.blogId, token })).toBe("unsubscribed");
    expect(await unsubscribeFromReplies({ blogId: open.blogId, token })).toBe("already");
    await comment(open, "sam@example.org", "Seconde réponse.", { parentId: thread });
    expect(await mailsTo("rose@example.org", REPLY_NOTICE_KIND)).toHaveLength(1);
  });

  it("never lets the links of one blog confirm or unsubscribe on another", async () => {
    const posted = await comment(held, "tom@example.org", "Un fil sur le blog modéré.", { notify: true });
    await applyModeration({ blogId: held.blogId, commentIds: [posted.commentId], operation: "approve" });
    const [confirmation] = await mailsTo("tom@example.org", REPLY_CONFIRMATION_KIND);
    const text = confirmation?.text ?? "";
    const confirmToken = tokenOf(text, "/confirmer");
    const stopToken = tokenOf(text, "/desinscription");
    expect(await confirmReplySubscription({ blogId: open.blogId, token: confirmToken })).toBe("invalid");
    expect(await unsubscribeFromReplies({ blogId: open.blogId, token: stopToken })).toBe("invalid");
    expect(await confirmReplySubscription({ blogId: held.blogId, token: stopToken })).toBe("invalid");
    const [row] = await db.select({ status: replySubscriptions.status }).from(replySubscriptions).where(eq(replySubscriptions.email, "tom@example.org"));
    expect(row?.status).toBe("pending");
  });
});
