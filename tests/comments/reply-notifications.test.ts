import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as openUnsubscribeLink, POST as unsubscribeByMail } from "@/app/api/commentaires/desinscription/route";
import { collectPersonalData } from "@/lib/account/personal-data";
import { hashAddress } from "@/lib/client-id";
import { applyModeration, replyAsMember, submitComment } from "@/lib/comments/mutations";
import { REPLY_CONFIRMATION_KIND, REPLY_NOTICE_KIND } from "@/lib/comments/reply-mails";
import { confirmReplySubscription, REPLY_CONFIRMATIONS_PER_HOUR, unsubscribeFromReplies } from "@/lib/comments/reply-subscriptions";
import { db } from "@/lib/db";
import { blogs, comments, emailOutbox, replySubscriptions } from "@/lib/db/schema";
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
    // The notice still waiting in the outbox (no worker runs here) is withdrawn, not sent.
    expect((await db.select({ status: emailOutbox.status }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, "rose@example.org"), eq(emailOutbox.kind, REPLY_NOTICE_KIND)))).map((mail) => mail.status)).toEqual(["failed"]);
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
    // One token per subscription (both links carry it), never one a blog does not know.
    expect(stopToken).toBe(confirmToken);
    expect(await confirmReplySubscription({ blogId: held.blogId, token: "A".repeat(43) })).toBe("invalid");
    const [row] = await db.select({ status: replySubscriptions.status }).from(replySubscriptions).where(eq(replySubscriptions.email, "tom@example.org"));
    expect(row?.status).toBe("pending");
  });
});

describe("the mails and the approval that owes them", () => {
  const statusOf = async (id: number) => (await db.select({ status: comments.status }).from(comments).where(eq(comments.id, id)))[0]?.status;

  it("are written together or not at all: when the outbox refuses the mails, the comments are not approved either", async () => {
    const thread = await confirmedFollower(held, "berthe@example.org", "Je veux savoir la suite.");
    const reply = await comment(held, "cesar@example.org", "Voici une suite, à valider.", { parentId: thread, notify: true });
    // The outbox fails within the approval's batch, after its UPDATE, as a crash there would.
    await db.run(sql`create trigger outbox_en_panne before insert on email_outbox begin select raise(abort, 'panne simulée'); end`);
    await expect(applyModeration({ blogId: held.blogId, commentIds: [reply.commentId], operation: "approve" })).rejects.toThrow();
    expect(await statusOf(reply.commentId)).toBe("pending");
    expect(await mailsTo("berthe@example.org", REPLY_NOTICE_KIND)).toEqual([]);
    await db.run(sql`drop trigger outbox_en_panne`);

    await applyModeration({ blogId: held.blogId, commentIds: [reply.commentId], operation: "approve" });
    expect(await statusOf(reply.commentId)).toBe("approved");
    expect(await mailsTo("berthe@example.org", REPLY_NOTICE_KIND)).toHaveLength(1);
    // The failed attempt used up none of César's allowance: its count went with the rest.
    expect(await mailsTo("cesar@example.org", REPLY_CONFIRMATION_KIND)).toHaveLength(1);
  });

  it("mails what a bulk approval owes once each, and no address more than its hourly confirmations", async () => {
    const thread = await confirmedFollower(held, "denise@example.org", "Un fil très suivi.");
    const replies = [];
    for (const body of ["Première réponse en attente.", "Deuxième réponse en attente."]) replies.push((await comment(held, "emile@example.org", body, { parentId: thread })).commentId);
    const asking = [];
    for (let n = 1; n <= REPLY_CONFIRMATIONS_PER_HOUR + 2; n++) asking.push((await comment(held, "fanny@example.org", `Question numéro ${n}.`, { notify: true })).commentId);
    const all = [thread, ...replies, ...asking];
    await applyModeration({ blogId: held.blogId, commentIds: all, operation: "approve" });
    await applyModeration({ blogId: held.blogId, commentIds: all, operation: "approve" });
    expect(await mailsTo("denise@example.org", REPLY_NOTICE_KIND)).toHaveLength(2);
    expect(await mailsTo("fanny@example.org", REPLY_CONFIRMATION_KIND)).toHaveLength(REPLY_CONFIRMATIONS_PER_HOUR);
    expect(await mailsTo("emile@example.org", REPLY_CONFIRMATION_KIND)).toEqual([]);
  });
});

describe("the one-click address of the mails", () => {
  const request = (method: "GET" | "POST", host: string, token: string) =>
    new NextRequest(`https://${host}/api/commentaires/desinscription?jeton=${encodeURIComponent(token)}`, {
      method,
      headers: { host, "content-type": "application/x-www-form-urlencoded" },
      body: method === "POST" ? "List-Unsubscribe=One-Click" : undefined,
    });

  it("answers a POST with a sentence in the blog's language, for a good, a used or an unknown token alike", async () => {
    const thread = await confirmedFollower(open, "ugo@example.org", "Je suis curieux de la suite.");
    await comment(open, "vera@example.org", "Voici la suite.", { parentId: thread });
    const [notice] = await mailsTo("ugo@example.org", REPLY_NOTICE_KIND);
    const token = new URL(/^<(.+)>$/.exec(notice?.headers?.["List-Unsubscribe"] ?? "")?.[1] ?? "").searchParams.get("jeton") ?? "";
    const answers = [];
    for (const given of [token, token, "12.pas-un-jeton", ""]) {
      const response = await unsubscribeByMail(request("POST", "carnet-ouvert.carnet.test", given));
      answers.push([response.status, await response.text()]);
    }
    expect(answers).toEqual([
      [200, "C'est fait : vous ne recevrez plus d'e-mail pour les réponses à ce commentaire."],
      [200, "Vous n'étiez pas (ou plus) prévenu des réponses à ce commentaire : rien d'autre à faire."],
      [200, "Ce lien de désinscription n'est pas valide : vous ne recevrez rien de plus par lui."],
      [200, "Ce lien de désinscription n'est pas valide : vous ne recevrez rien de plus par lui."],
    ]);
  });

  it("ignores a token posted on another blog's host, and leads a GET to the page with its button", async () => {
    const thread = await confirmedFollower(open, "wanda@example.org", "Un fil de plus.");
    await comment(open, "xavier@example.org", "Une réponse de plus.", { parentId: thread });
    const [notice] = await mailsTo("wanda@example.org", REPLY_NOTICE_KIND);
    const token = new URL(/^<(.+)>$/.exec(notice?.headers?.["List-Unsubscribe"] ?? "")?.[1] ?? "").searchParams.get("jeton") ?? "";
    const elsewhere = await unsubscribeByMail(request("POST", "carnet-modere.carnet.test", token));
    expect(await elsewhere.text()).toBe("Ce lien de désinscription n'est pas valide : vous ne recevrez rien de plus par lui.");
    const [row] = await db.select({ status: replySubscriptions.status }).from(replySubscriptions).where(eq(replySubscriptions.email, "wanda@example.org"));
    expect(row?.status).toBe("confirmed");
    const opened = await openUnsubscribeLink(request("GET", "carnet-ouvert.carnet.test", token));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`https://carnet-ouvert.carnet.test/commentaires/reponses/desinscription?jeton=${encodeURIComponent(token)}`);
  });
});

describe("the reader's data", () => {
  it("lists the reply notifications of a person's address in « Télécharger mes données »", async () => {
    const yasmine = await createUser("Yasmine Lectrice", "yasmine@example.org");
    await comment(held, "yasmine@example.org", "Je m'abonne à ce fil.", { notify: true });
    const data = await collectPersonalData(yasmine);
    expect(data?.replyNotifications).toEqual([
      expect.objectContaining({ blog: "https://carnet-modere.carnet.test/", post: "Premier billet", email: "yasmine@example.org", status: "pending" }),
    ]);
  });

  it("goes with its comment deleted for good, and with its blog", async () => {
    const owner = await createUser("Zoé Éphémère", "zoe@example.org");
    const brief = await createBlog({ slug: "carnet-ephemere", ownerId: owner, moderation: "none" });
    const junk = await comment(brief, "zelie@example.org", "Un robot encore.", { notify: true, trap: "rempli" });
    const kept = await comment(brief, "zacharie@example.org", "Un vrai lecteur.", { notify: true });
    const rowsOf = async () => (await db.select({ threadId: replySubscriptions.threadId }).from(replySubscriptions).where(eq(replySubscriptions.blogId, brief.blogId))).map((row) => row.threadId);
    expect((await rowsOf()).sort()).toEqual([junk.commentId, kept.commentId].sort());
    await applyModeration({ blogId: brief.blogId, commentIds: [junk.commentId], operation: "delete" });
    expect(await rowsOf()).toEqual([kept.commentId]);
    await db.delete(blogs).where(eq(blogs.id, brief.blogId));
    expect(await rowsOf()).toEqual([]);
  });
});
