import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyModeration, replyAsMember } from "@/lib/comments/mutations";
import { countCommentsByStatus, getModeratedComment, listApprovedComments, listQueueComments } from "@/lib/comments/queries";
import { db } from "@/lib/db";
import { comments, type CommentStatus } from "@/lib/db/schema";
import { commentRow, createBlog, createUser } from "./fixtures";

// Two blogs: Alice owns "carnet-alice" where Bruno is an author; Chloé owns "carnet-chloe".
let alice = "";
let bruno = "";
let chloe = "";
let blogA: Awaited<ReturnType<typeof createBlog>>;
let blogC: Awaited<ReturnType<typeof createBlog>>;

async function addComment(blog: { blogId: number; postId: number }, status: CommentStatus, body: string, parentId: number | null = null): Promise<number> {
  const [row] = await db
    .insert(comments)
    .values({ blogId: blog.blogId, postId: blog.postId, parentId, authorName: "Lecteur", authorEmail: "lecteur@example.org", body, status })
    .returning({ id: comments.id });
  if (!row) throw new Error("comment not created");
  return row.id;
}

const statusOf = async (id: number) => (await commentRow(id))?.status;

beforeAll(async () => {
  alice = await createUser("Alice Martin", "alice@example.org");
  bruno = await createUser("Bruno Petit", "bruno@example.org");
  chloe = await createUser("Chloé Durand", "chloe@example.org");
  blogA = await createBlog({ slug: "carnet-alice", ownerId: alice, authors: [bruno] });
  blogC = await createBlog({ slug: "carnet-chloe", ownerId: chloe });
});

describe("moderating a blog's comments", () => {
  it("approving a held comment makes it public and reports its post as changed", async () => {
    const held = await addComment(blogA, "pending", "À valider.");
    const outcome = await applyModeration({ blogId: blogA.blogId, commentIds: [held], operation: "approve" });
    expect(outcome).toEqual({ blogId: blogA.blogId, changed: 1, postsWithVisibleChange: [blogA.postId] });
    expect((await listApprovedComments(blogA)).map((comment) => comment.body)).toContain("À valider.");
  });

  it("reports a page change only when a public comment leaves it", async () => {
    const shown = await addComment(blogA, "approved", "Public puis corbeille.");
    const pending = await addComment(blogA, "pending", "Jamais public.");
    const trashed = await applyModeration({ blogId: blogA.blogId, commentIds: [shown, pending], operation: "trash" });
    expect(trashed).toMatchObject({ changed: 2, postsWithVisibleChange: [blogA.postId] });
    const spam = await addComment(blogA, "pending", "Pourriel discret.");
    expect(await applyModeration({ blogId: blogA.blogId, commentIds: [spam], operation: "spam" })).toMatchObject({
      changed: 1,
      postsWithVisibleChange: [],
    });
    const restored = await applyModeration({ blogId: blogA.blogId, commentIds: [shown, spam], operation: "restore" });
    expect(restored).toMatchObject({ changed: 2, postsWithVisibleChange: [] });
    expect([await statusOf(shown), await statusOf(spam)]).toEqual(["pending", "pending"]);
  });

  it("acts on a whole selection at once", async () => {
    const ids = [await addComment(blogA, "pending", "Un."), await addComment(blogA, "pending", "Deux."), await addComment(blogA, "pending", "Trois.")];
    expect(await applyModeration({ blogId: blogA.blogId, commentIds: ids, operation: "approve" })).toMatchObject({ changed: 3 });
    const rows = await db.select({ status: comments.status }).from(comments).where(inArray(comments.id, ids));
    expect(rows.map((row) => row.status)).toEqual(["approved", "approved", "approved"]);
  });

  it("deletes for good only what is in spam or the trash", async () => {
    const trashed = await addComment(blogA, "trash", "À supprimer.");
    const approved = await addComment(blogA, "approved", "Doit rester.");
    expect(await applyModeration({ blogId: blogA.blogId, commentIds: [trashed, approved], operation: "delete" })).toMatchObject({ changed: 1 });
    expect(await commentRow(trashed)).toBeUndefined();
    expect(await statusOf(approved)).toBe("approved");
  });

  it("keeps the replies of a deleted comment, as comments of their own", async () => {
    const parent = await addComment(blogA, "spam", "Parent indésirable.");
    const reply = await addComment(blogA, "approved", "Réponse qui reste.", parent);
    await applyModeration({ blogId: blogA.blogId, commentIds: [parent], operation: "delete" });
    expect((await commentRow(reply))?.parentId).toBeNull();
  });

  it("shows each tab with its count, newest first, with the post and the parent", async () => {
    const counts = await countCommentsByStatus(blogA.blogId);
    const approved = await listQueueComments({ blogId: blogA.blogId, status: "approved", page: 1, pageSize: 50 });
    expect(approved.total).toBe(counts.approved);
    expect(approved.comments[0]?.body).toBe("Réponse qui reste.");
    expect(approved.comments[0]?.post.title).toBe("Premier billet");
    expect(approved.comments.every((comment) => comment.status === "approved")).toBe(true);
    expect(counts.pending + counts.approved + counts.spam + counts.trash).toBe(
      (await db.select({ id: comments.id }).from(comments).where(eq(comments.blogId, blogA.blogId))).length,
    );
  });
});

describe("forged moderation calls", () => {
  it("cannot approve, trash or delete another blog's comments by naming its own blog", async () => {
    const target = await addComment(blogC, "pending", "Chez Chloé, en attente.");
    const shown = await addComment(blogC, "approved", "Chez Chloé, publié.");
    const spam = await addComment(blogC, "spam", "Chez Chloé, indésirable.");
    for (const operation of ["approve", "spam", "trash", "restore", "delete"] as const) {
      const outcome = await applyModeration({ blogId: blogA.blogId, commentIds: [target, shown, spam], operation });
      expect(outcome).toMatchObject({ blogId: blogA.blogId, changed: 0, postsWithVisibleChange: [] });
    }
    expect([await statusOf(target), await statusOf(shown), await statusOf(spam)]).toEqual(["pending", "approved", "spam"]);
  });


  it("cannot read or answer another blog's comment", async () => {
    const target = await addComment(blogC, "pending", "Question privée.");
    expect(await getModeratedComment({ commentId: target, blogId: blogA.blogId })).toBeNull();
    expect(await getModeratedComment({ commentId: target, blogId: blogC.blogId })).toMatchObject({ id: target, status: "pending" });
    expect(await replyAsMember({ blogId: blogA.blogId, userId: alice, commentId: target, body: "Intrusion." })).toEqual({ ok: false, problem: "not-found" });
    expect(await statusOf(target)).toBe("pending");
    expect(await db.select().from(comments).where(eq(comments.body, "Intrusion."))).toEqual([]);
  });
});

describe("replying from the queue", () => {
  it("publishes the member's reply with the author badge under its thread, and approves the comment answered", async () => {
    const top = await addComment(blogA, "pending", "Une question en attente.");
    const outcome = await replyAsMember({ blogId: blogA.blogId, userId: bruno, commentId: top, body: "Voici la réponse." });
    expect(outcome).toMatchObject({ ok: true, blogId: blogA.blogId, postId: blogA.postId, parentApproved: true });
    expect(await statusOf(top)).toBe("approved");
    const shown = await listApprovedComments(blogA);
    const reply = shown.find((comment) => comment.body === "Voici la réponse.");
    expect(reply).toMatchObject({ parentId: top, authorName: "Bruno Petit", isMember: true });
    expect(await replyAsMember({ blogId: blogA.blogId, userId: bruno, commentId: top, body: "Voici la réponse." })).toMatchObject({ ok: false, problem: "duplicate" });
  });

  it("does not answer spam or the trash", async () => {
    const spam = await addComment(blogA, "spam", "Publicité.");
    expect(await replyAsMember({ blogId: blogA.blogId, userId: alice, commentId: spam, body: "Non." })).toEqual({ ok: false, problem: "not-answerable" });
  });
});
