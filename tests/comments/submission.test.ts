import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, hashAddress, hashClient } from "@/lib/client-id";
import { COMMENT_DEFENCES, issueFillToken } from "@/lib/comments/defences";
import { listApprovedComments } from "@/lib/comments/queries";
import { replyAsMember, submitComment } from "@/lib/comments/mutations";
import { commentFieldsSchema } from "@/lib/comments/validation";
import { db } from "@/lib/db";
import { comments, emailOutbox } from "@/lib/db/schema";
import { fieldErrorsFrom } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { getPublishedPost } from "@/lib/posts/queries";
import { commentRow, createBlog, createUser, setModeration, submission } from "./fixtures";

let blog: Awaited<ReturnType<typeof createBlog>>;
let clientCounter = 0;
// Each test speaks from its own client unless it tests the rate limit.
const client = () => ({ clientHash: hashAddress(`203.0.113.${++clientCounter}`) });

async function outboxFor(commentId: number) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.key, `comment-held:${commentId}`));
}

beforeAll(async () => {
  const owner = await createUser("Odile Propriétaire", "odile@example.org");
  blog = await createBlog({ slug: "carnet-de-odile", ownerId: owner });
});

describe("posting a comment", () => {
  it("holds a first-time commenter's comment, keeps it from readers and tells the owner by e-mail with a link to the queue", async () => {
    const outcome = await submitComment(submission(blog.postId, { email: "nouvelle@example.org", body: "Première visite, premier mot." }), client());
    expect(outcome.ok && outcome.verdict).toEqual({ status: "pending", reason: "first-time" });
    if (!outcome.ok) throw new Error("refused");
    expect(await listApprovedComments({ blogId: blog.blogId, postId: blog.postId })).toEqual([]);
    const [mail] = await outboxFor(outcome.commentId);
    expect(mail?.toAddress).toBe("odile@example.org");
    expect(mail?.kind).toBe("comment-held");
    expect(mail?.subject).toBe("Commentaire à valider sur « Premier billet »");
    expect(mail?.textBody).toContain("Première visite, premier mot.");
    expect(mail?.textBody).toContain("https://carnet.test/admin/carnet-de-odile/commentaires");
  });

  it("publishes at once the comment of someone whose earlier comment was approved", async () => {
    const first = await submitComment(submission(blog.postId, { email: "habituee@example.org", body: "Bonjour à tous." }), client());
    if (!first.ok) throw new Error("refused");
    await db.update(comments).set({ status: "approved" }).where(eq(comments.id, first.commentId));
    const second = await submitComment(submission(blog.otherPostId, { email: "Habituee@Example.org", body: "Me revoilà." }), client());
    expect(second.ok && second.verdict).toEqual({ status: "approved", reason: null });
    if (!second.ok) throw new Error("refused");
    expect(await outboxFor(second.commentId)).toEqual([]);
    const shown = await listApprovedComments({ blogId: blog.blogId, postId: blog.otherPostId });
    expect(shown.map((comment) => comment.body)).toContain("Me revoilà.");
    expect((await getPublishedPost({ blogId: blog.blogId, slug: "second-billet" }))?.commentCount).toBe(1);
  });

  it("follows the blog's moderation mode: hold all holds everyone, hold none publishes newcomers", async () => {
    const owner = await createUser("Mode Test", "mode@example.org");
    const other = await createBlog({ slug: "carnet-des-modes", ownerId: owner, moderation: "all" });
    const held = await submitComment(submission(other.postId, { body: "Tout est modéré ici." }), client());
    expect(held.ok && held.verdict.reason).toBe("moderation-all");
    await setModeration(other.blogId, "none");
    const published = await submitComment(submission(other.postId, { email: "inconnue@example.org", body: "Rien n'est modéré ici." }), client());
    expect(published.ok && published.verdict.status).toBe("approved");
  });

  it("holds a comment sent without a fill token (no JavaScript), even when the blog holds nothing", async () => {
    const owner = await createUser("Sans Script", "sans-script@example.org");
    const open = await createBlog({ slug: "carnet-ouvert", ownerId: owner, moderation: "none" });
    const outcome = await submitComment(submission(open.postId, { body: "Écrit sans JavaScript." }, { token: "" }), client());
    expect(outcome.ok && outcome.verdict).toEqual({ status: "pending", reason: "no-timing" });
  });

  it("sends the honeypot's catch to spam, kept for the moderator, with no e-mail", async () => {
    const outcome = await submitComment(submission(blog.postId, { body: "Achetez nos montres." }, { trap: "https://pourriel.example" }), client());
    expect(outcome.ok && outcome.verdict).toEqual({ status: "spam", reason: "honeypot" });
    if (!outcome.ok) throw new Error("refused");
    expect((await commentRow(outcome.commentId))?.status).toBe("spam");
    expect(await outboxFor(outcome.commentId)).toEqual([]);
  });

  it("holds for the blogger (never junks) a comment sent less than three seconds after the form was first touched; calls a forged token spam", async () => {
    const quick = await submitComment(submission(blog.postId, { body: "Trop rapide." }, { token: issueFillToken(blog.postId, Date.now() - 1_000) }), client());
    expect(quick.ok && quick.verdict).toEqual({ status: "pending", reason: "too-fast" });
    const forged = await submitComment(submission(blog.postId, { body: "Jeton inventé." }, { token: `${Date.now() - 60_000}.${"A".repeat(43)}` }), client());
    expect(forged.ok && forged.verdict).toEqual({ status: "spam", reason: "forged-token" });
    const otherPost = await submitComment(
      submission(blog.postId, { body: "Jeton d'un autre article." }, { token: issueFillToken(blog.otherPostId, Date.now() - 60_000) }),
      client(),
    );
    expect(otherPost.ok && otherPost.verdict).toEqual({ status: "spam", reason: "forged-token" });
  });

  it("holds a comment with more than two links, even from a known commenter", async () => {
    await setModeration(blog.blogId, "none");
    const body = "Voir https://un.example/a, https://deux.example/b et https://trois.example/c.";
    const outcome = await submitComment(submission(blog.postId, { body }), client());
    expect(outcome.ok && outcome.verdict).toEqual({ status: "pending", reason: "links" });
    const two = await submitComment(submission(blog.postId, { body: "Voir https://un.example/a et https://deux.example/b." }), client());
    expect(two.ok && two.verdict.status).toBe("approved");
    await setModeration(blog.blogId, "first-time");
  });

  it("sends a client's comments beyond its rate to spam, then refuses a flood outright", async () => {
    const same = client();
    const verdicts: string[] = [];
    for (let i = 0; i < COMMENT_DEFENCES.rateLimit.limit + 2; i++) {
      const outcome = await submitComment(submission(blog.postId, { email: `rafale@example.org`, body: `Message numéro ${i}` }), same);
      verdicts.push(outcome.ok ? `${outcome.verdict.status}:${outcome.verdict.reason}` : outcome.problem);
    }
    expect(verdicts.slice(0, COMMENT_DEFENCES.rateLimit.limit).every((verdict) => verdict === "pending:first-time")).toBe(true);
    expect(verdicts.slice(COMMENT_DEFENCES.rateLimit.limit)).toEqual(["spam:rate-limit", "spam:rate-limit"]);
    const stored = await db.select({ id: comments.id }).from(comments).where(eq(comments.authorEmail, "rafale@example.org"));
    expect(stored).toHaveLength(COMMENT_DEFENCES.rateLimit.limit + 2);

    let refused: string | null = null;
    for (let i = 0; i < COMMENT_DEFENCES.floodLimit.limit && refused === null; i++) {
      const outcome = await submitComment(submission(blog.postId, { email: `deluge@example.org`, body: `Déluge ${i}` }), same);
      if (!outcome.ok) refused = outcome.problem;
    }
    expect(refused).toBe("flood");
  });

  it("refuses an exact duplicate, even two copies sent at the same moment, but not the same words elsewhere", async () => {
    const body = "Je suis tout à fait d'accord avec vous.";
    const first = await submitComment(submission(blog.postId, { email: "echo@example.org", body }), client());
    expect(first.ok).toBe(true);
    const again = await submitComment(submission(blog.postId, { email: "echo@example.org", body }), client());
    expect(again).toEqual({ ok: false, problem: "duplicate" });
    const elsewhere = await submitComment(submission(blog.otherPostId, { email: "echo@example.org", body }), client());
    expect(elsewhere.ok).toBe(true);

    const twin = "Double clic sans JavaScript.";
    const copies = await Promise.all([1, 2, 3].map(() => submitComment(submission(blog.postId, { email: "jumeau@example.org", body: twin }), client())));
    expect(copies.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await db.select().from(comments).where(and(eq(comments.authorEmail, "jumeau@example.org"), like(comments.body, twin)))).toHaveLength(1);
  });

  it("attaches a reply to the first comment of its thread, and refuses one to a comment that is not public", async () => {
    await setModeration(blog.blogId, "none");
    const top = await submitComment(submission(blog.postId, { body: "Question : et la VAE ?" }), client());
    if (!top.ok) throw new Error("refused");
    const reply = await submitComment(submission(blog.postId, { body: "Bonne question !" }, { parentId: top.commentId }), client());
    if (!reply.ok) throw new Error("refused");
    const replyToReply = await submitComment(submission(blog.postId, { body: "Je réponds à la réponse." }, { parentId: reply.commentId }), client());
    if (!replyToReply.ok) throw new Error("refused");
    expect((await commentRow(reply.commentId))?.parentId).toBe(top.commentId);
    expect((await commentRow(replyToReply.commentId))?.parentId).toBe(top.commentId);

    const held = await submitComment(submission(blog.postId, { body: "Retenu." }, { token: "" }), client());
    if (!held.ok) throw new Error("refused");
    expect(await submitComment(submission(blog.postId, { body: "Réponse à un retenu." }, { parentId: held.commentId }), client())).toEqual({
      ok: false,
      problem: "no-parent",
    });
    const elsewhere = await submitComment(submission(blog.otherPostId, { body: "Mauvais fil." }, { parentId: top.commentId }), client());
    expect(elsewhere).toEqual({ ok: false, problem: "no-parent" });
    await setModeration(blog.blogId, "first-time");
  });

  it("refuses a comment on a post that is not published", async () => {
    expect(await submitComment(submission(999_999, { body: "Nulle part." }), client())).toEqual({ ok: false, problem: "no-post" });
  });

  it("stores who sent it as a salted hash, never the address", async () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.77" });
    const outcome = await submitComment(submission(blog.postId, { body: "Qui suis-je ?" }), { clientHash: hashClient(headers) });
    if (!outcome.ok) throw new Error("refused");
    const row = await commentRow(outcome.commentId);
    expect(row?.clientHash).toBe(hashClient(headers));
    expect(JSON.stringify(row)).not.toContain("198.51.100.77");
  });
});

describe("the comment form's fields", () => {
  const errors = (values: Record<string, string>, language: "fr" | "en" = "fr") => {
    const parsed = commentFieldsSchema.safeParse({ name: "Ana", email: "ana@example.org", website: "", body: "Bonjour", ...values });
    return parsed.success ? {} : fieldErrorsFrom(parsed.error, getTranslator(language));
  };

  it("takes a name of 1 to 80 characters and a comment of 1 to 5 000", () => {
    expect(errors({ name: "x".repeat(80), body: "y".repeat(5000) })).toEqual({});
    expect(errors({ name: "x".repeat(81) })).toEqual({ name: "C'est trop long : 80 caractères au plus." });
    expect(errors({ body: "y".repeat(5001) })).toEqual({ body: "C'est trop long : 5000 caractères au plus." });
    expect(errors({ name: "   ", body: "\n\n  \n" })).toEqual({ name: "Ce champ est obligatoire.", body: "Ce champ est obligatoire." });
  });

  it("answers in the page's language", () => {
    expect(errors({ name: "", email: "pas-une-adresse" }, "en")).toEqual({ name: "This field is required.", email: "This email address is not valid." });
  });

  it("accepts only web addresses for the website, adding https:// when it is missing", () => {
    expect(commentFieldsSchema.parse({ name: "Ana", email: "ana@example.org", website: "exemple.fr/blog", body: "x" }).website).toBe("https://exemple.fr/blog");
    for (const website of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://exemple.fr", "https://localhost"]) {
      expect(errors({ website })).toEqual({ website: "Cette adresse web n'est pas valide (elle doit commencer par http:// ou https://)." });
    }
  });

  it("keeps the text as typed, with Windows line endings unified and control characters dropped", () => {
    const parsed = commentFieldsSchema.parse({ name: " Ana \n Lopes ", email: " ANA@Example.org ", website: "", body: "  Ligne 1\r\nLigne 2\u0000\r\n\r\n<b>3</b>  " });
    expect(parsed).toEqual({ name: "Ana Lopes", email: "ana@example.org", website: "", body: "Ligne 1\nLigne 2\n\n<b>3</b>" });
  });
});

describe("first-time moderation and the members' addresses", () => {
  it("holds an anonymous comment that borrows the owner's or an author's address, even after they replied as members", async () => {
    const owner = await createUser("Hélène Propriétaire", "helene@example.org");
    const author = await createUser("Yann Auteur", "yann@example.org");
    const target = await createBlog({ slug: "carnet-de-helene", ownerId: owner, authors: [author] });
    // The owner and the author each answered a reader from the queue: their replies are approved.
    const reader = await submitComment(submission(target.postId, { email: "lecteur@example.org", body: "Une question sur ce billet." }), client());
    if (!reader.ok) throw new Error("refused");
    expect((await replyAsMember({ blogId: target.blogId, userId: owner, commentId: reader.commentId, body: "Voici ma réponse." })).ok).toBe(true);
    expect((await replyAsMember({ blogId: target.blogId, userId: author, commentId: reader.commentId, body: "Et la mienne." })).ok).toBe(true);

    for (const email of ["helene@example.org", "Yann@Example.org"]) {
      const borrowed = await submitComment(submission(target.otherPostId, { email, name: "Un imposteur", body: "Achetez mes montres." }), client());
      expect(borrowed.ok && borrowed.verdict).toEqual({ status: "pending", reason: "first-time" });
    }
    expect(await listApprovedComments({ blogId: target.blogId, postId: target.otherPostId })).toEqual([]);
  });

  it("holds it even when an earlier anonymous comment with that address was approved", async () => {
    const owner = await createUser("Inès Propriétaire", "ines@example.org");
    const target = await createBlog({ slug: "carnet-de-ines", ownerId: owner });
    const earlier = await submitComment(submission(target.postId, { email: "ines@example.org", body: "Test de mon propre formulaire." }), client());
    if (!earlier.ok) throw new Error("refused");
    await db.update(comments).set({ status: "approved" }).where(eq(comments.id, earlier.commentId));
    const next = await submitComment(submission(target.otherPostId, { email: "ines@example.org", body: "Cliquez ici." }), client());
    expect(next.ok && next.verdict).toEqual({ status: "pending", reason: "first-time" });
  });
});
