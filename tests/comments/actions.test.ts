import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { issueCommentToken, moderateCommentsAction, postComment, replyFromQueue } from "@/lib/comments/actions";
import { issueFillToken } from "@/lib/comments/defences";
import { db } from "@/lib/db";
import { blogs, comments, DEFAULT_BLOG_SETTINGS, posts, type CommentStatus } from "@/lib/db/schema";
import { asUser, formOf, makeSignedInTeam, redirectOf, takeRevalidated, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

// The comments' actions called as the browser calls them, through the one guard: a reader (no session),
// the blog's owner and author, and a stranger who owns a blog of their own.

let team: TestTeam;
let postId = 0;
let strangersPostId = 0;

async function publishedPost(blogId: number, slug: string): Promise<number> {
  const now = Date.now();
  const [post] = await db.insert(posts).values({ blogId, slug, title: `Billet ${slug}`, status: "published", publishedAt: now - 60_000, updatedAt: now }).returning({ id: posts.id });
  return post!.id;
}

async function addComment(blogId: number, onPost: number, status: CommentStatus, body: string): Promise<number> {
  const [row] = await db
    .insert(comments)
    .values({ blogId, postId: onPost, authorName: "Lectrice", authorEmail: "lectrice@example.org", body, status })
    .returning({ id: comments.id });
  return row!.id;
}

const statusesOf = async (ids: number[]) =>
  (await db.select({ id: comments.id, status: comments.status }).from(comments).where(inArray(comments.id, ids))).sort((a, b) => a.id - b.id).map((row) => row.status);

const reader = (address: string) => asUser(null, { "x-carnet-client": address });

beforeAll(async () => {
  team = await makeSignedInTeam();
  postId = await publishedPost(team.blog.id, "billet-commente");
  strangersPostId = await publishedPost(team.strangersBlog.id, "billet-etranger");
  // Comments appear at once on this blog: what the tests check is the guard, not moderation.
  await db.update(blogs).set({ settings: { ...DEFAULT_BLOG_SETTINGS, moderation: "none" } }).where(eq(blogs.id, team.blog.id));
});

const commentForm = (fields: Record<string, string>) =>
  formOf({ postId: String(postId), jeton: issueFillToken(postId, Date.now() - 20_000), url: "", name: "Claire", email: "claire@example.org", website: "", body: "Très juste.", ...fields });

describe("a reader's comment, through the guard of public writes", () => {
  it("is published and expires its article's page and the blog's listings", async () => {
    reader("203.0.113.10");
    takeRevalidated();
    const result = await postComment(null, commentForm({ body: "Merci pour ce billet." }));
    expect(result).toEqual({ ok: true, message: "Merci ! Votre commentaire est publié.", values: { name: "Claire", email: "claire@example.org", website: "" } });
    expect(takeRevalidated().tags).toEqual([`post-comments:${postId}`, `blog-posts:${team.blog.id}`]);
  });

  it("answers a forged or missing post id, and a reply to another blog's comment, with a message and stores nothing", async () => {
    reader("203.0.113.11");
    const elsewhere = await addComment(team.strangersBlog.id, strangersPostId, "approved", "Sur l'autre blog.");
    for (const forged of ["999999", "-4", "abc", ""]) {
      expect(await postComment(null, commentForm({ postId: forged, body: `Faux ${forged}` }))).toMatchObject({ ok: false, error: "Cet article n'accepte pas de commentaires.", values: { body: `Faux ${forged}` } });
    }
    expect(await postComment(null, commentForm({ parentId: String(elsewhere), body: "Réponse égarée." }))).toMatchObject({ ok: false, error: "Le commentaire auquel vous répondez n'est plus visible." });
    expect(await db.select().from(comments).where(inArray(comments.body, ["Faux 999999", "Réponse égarée."]))).toEqual([]);
  });

  it("refuses an oversized form before reading it, keeping the text typed", async () => {
    reader("203.0.113.12");
    const result = await postComment(null, commentForm({ body: "a".repeat(70_000) }));
    expect(result).toMatchObject({ ok: false, code: "too-large" });
    expect(!result.ok && result.values.name).toBe("Claire");
  });

  it("hands a fill token for a real post id only", async () => {
    reader("203.0.113.13");
    const answer = await issueCommentToken(postId);
    expect(answer.ok && answer.token).toMatch(/^\d+\.[\w-]+$/);
    expect(await issueCommentToken({ postId } as never)).toMatchObject({ ok: false });
  });
});

describe("moderating from the queue, through the guard of blog writes", () => {
  it("lets an author approve a held comment and comes back to the queue saying so", async () => {
    const held = await addComment(team.blog.id, postId, "pending", "En attente d'approbation.");
    asUser(team.author);
    takeRevalidated();
    const to = await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "approve", ids: [String(held)], tab: "en-attente" })));
    expect(to).toBe(`/admin/${team.blog.slug}/commentaires?statut=en-attente&fait=approve&nombre=1`);
    expect(await statusesOf([held])).toEqual(["approved"]);
    expect(takeRevalidated().tags).toEqual([`post-comments:${postId}`, `blog-posts:${team.blog.id}`]);
  });

  it("keeps deleting for good to owners: an author is sent back with the reason", async () => {
    const trashed = await addComment(team.blog.id, postId, "trash", "À la corbeille.");
    asUser(team.author);
    const to = await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "delete", ids: [String(trashed)], tab: "corbeille" })));
    expect(to).toBe(`/admin/${team.blog.slug}/commentaires?statut=corbeille&erreur=proprietaire`);
    expect(await statusesOf([trashed])).toEqual(["trash"]);
    asUser(team.owner);
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "delete", ids: [String(trashed)], tab: "corbeille" })))).toContain("fait=delete&nombre=1");
  });

  it("changes nothing for a stranger, someone signed out, or forged ids of another blog", async () => {
    const victims = [await addComment(team.blog.id, postId, "pending", "Victime 1."), await addComment(team.blog.id, postId, "approved", "Victime 2.")];
    const ids = victims.map(String);
    asUser(team.stranger);
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "trash", ids })))).toBe(`/admin/${team.blog.slug}/commentaires?statut=en-attente`);
    // Their own blog named, the victim's comment ids sent: nothing of this blog matches.
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.strangersBlog.slug, operation: "spam", ids })))).toContain("fait=spam&nombre=0");
    asUser(null);
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "trash", ids })))).toBe(
      `/connexion?retour=${encodeURIComponent(`/admin/${team.blog.slug}/commentaires?statut=en-attente`)}`,
    );
    asUser(team.owner);
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "trash", ids: "1e400" })))).toContain("erreur=selection");
    expect(await redirectOf(moderateCommentsAction(formOf({ blog: team.blog.slug, operation: "détruire", ids })))).toContain("erreur=selection");
    expect(await statusesOf(victims)).toEqual(["pending", "approved"]);
  });
});

describe("a member's reply from the queue", () => {
  it("is published under the comment, which it approves", async () => {
    const question = await addComment(team.blog.id, postId, "pending", "Une question ?");
    asUser(team.author);
    const to = await redirectOf(replyFromQueue(null, formOf({ commentId: String(question), body: "Une réponse.", tab: "en-attente" })));
    expect(to).toBe(`/admin/${team.blog.slug}/commentaires?statut=en-attente&fait=reponse&approuve=1`);
    expect(await statusesOf([question])).toEqual(["approved"]);
  });

  it("is refused to a stranger and to someone signed out, keeping the text, and stores nothing", async () => {
    const question = await addComment(team.blog.id, postId, "pending", "Question privée ?");
    asUser(team.stranger);
    expect(await replyFromQueue(null, formOf({ commentId: String(question), body: "Intrusion." }))).toMatchObject({
      ok: false,
      error: "Ce commentaire n'est plus dans la file : rechargez la page.",
      values: { body: "Intrusion." },
    });
    asUser(null);
    expect(await replyFromQueue(null, formOf({ commentId: String(question), body: "Intrusion." }))).toMatchObject({ ok: false, code: "session" });
    asUser(team.owner);
    expect(await replyFromQueue(null, formOf({ commentId: "99999999", body: "Dans le vide." }))).toMatchObject({ ok: false, code: "not-member" });
    expect(await db.select().from(comments).where(inArray(comments.body, ["Intrusion.", "Dans le vide."]))).toEqual([]);
    expect(await statusesOf([question])).toEqual(["pending"]);
  });
});
