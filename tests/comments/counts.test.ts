import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteBlog } from "@/lib/blogs/mutations";
import { hashAddress } from "@/lib/client-id";
import { applyModeration, replyAsMember, submitComment } from "@/lib/comments/mutations";
import { countCommentsByStatus, listQueueComments } from "@/lib/comments/queries";
import { db } from "@/lib/db";
import { blogs, COMMENT_STATUSES, comments, posts, users, type CommentStatus } from "@/lib/db/schema";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { importXmlFile, surveyXmlFile } from "@/lib/import/run";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { deletePost } from "@/lib/posts/mutations";
import { fixtureFile } from "../import/helpers";
import { createBlog, createUser, setModeration, submission } from "./fixtures";

// The queue's tabs read counts kept by triggers on the comments: after every kind of write, they must
// say what counting the comments themselves says.

let clientCounter = 0;
const client = () => ({ clientHash: hashAddress(`198.51.100.${++clientCounter}`) });

/** What the tabs would say if every comment of the blog were counted. */
async function countedOneByOne(blogId: number): Promise<Record<CommentStatus, number>> {
  const rows = await db.select({ status: comments.status, total: count() }).from(comments).where(eq(comments.blogId, blogId)).groupBy(comments.status);
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}

/** The tabs' counts, checked against the comments themselves, and each tab's total for its pages. */
async function tabCounts(blogId: number): Promise<Record<CommentStatus, number>> {
  const counts = await countCommentsByStatus(blogId);
  expect(counts).toEqual(await countedOneByOne(blogId));
  for (const status of COMMENT_STATUSES) {
    expect((await listQueueComments({ blogId, status, page: 1, pageSize: 20 })).total).toBe(counts[status]);
  }
  return counts;
}

let ownerId = "";
let blog: Awaited<ReturnType<typeof createBlog>>;
let neighbour: Awaited<ReturnType<typeof createBlog>>;

beforeAll(async () => {
  ownerId = await createUser("Margot Lenoir", "margot@example.org");
  blog = await createBlog({ slug: "carnet-de-margot", ownerId });
  neighbour = await createBlog({ slug: "carnet-du-voisin", ownerId: await createUser("Victor Voisin", "victor@example.org") });
  await submitComment(submission(neighbour.postId, { email: "voisine@example.org", body: "Un mot chez le voisin." }), client());
});

describe("the moderation queue's tab counts", () => {
  it("count a reader's comment in the tab its verdict puts it in, and a member's reply as approved", async () => {
    expect(await tabCounts(blog.blogId)).toEqual({ pending: 0, approved: 0, spam: 0, trash: 0 });
    const held = await submitComment(submission(blog.postId, { email: "nouvelle@example.org", body: "Je découvre ce carnet." }), client());
    await submitComment(submission(blog.postId, { body: "Achetez nos montres." }, { trap: "https://pourriel.example" }), client());
    expect(await tabCounts(blog.blogId)).toEqual({ pending: 1, approved: 0, spam: 1, trash: 0 });
    if (!held.ok) throw new Error("comment refused");
    // Answering a held comment approves it: one fewer pending, two more approved.
    expect(await replyAsMember({ blogId: blog.blogId, userId: ownerId, commentId: held.commentId, body: "Bienvenue !" })).toMatchObject({ ok: true, parentApproved: true });
    expect(await tabCounts(blog.blogId)).toEqual({ pending: 0, approved: 2, spam: 1, trash: 0 });
    await setModeration(blog.blogId, "none");
    await submitComment(submission(blog.otherPostId, { email: "lectrice@example.org", body: "Publié sans attendre." }), client());
    expect(await tabCounts(blog.blogId)).toEqual({ pending: 0, approved: 3, spam: 1, trash: 0 });
  });

  it("follow each moderation operation, on one comment or on a whole selection", async () => {
    const before = await tabCounts(blog.blogId);
    const ids: number[] = [];
    for (const body of ["Premier avis.", "Deuxième avis.", "Troisième avis."]) {
      const outcome = await submitComment(submission(blog.postId, { email: `avis-${ids.length}@example.org`, body }), client());
      if (!outcome.ok) throw new Error("comment refused");
      ids.push(outcome.commentId);
    }
    const [first = 0] = ids;
    await applyModeration({ blogId: blog.blogId, commentIds: ids, operation: "trash" });
    expect(await tabCounts(blog.blogId)).toEqual({ ...before, trash: before.trash + 3 });
    await applyModeration({ blogId: blog.blogId, commentIds: [first], operation: "restore" });
    await applyModeration({ blogId: blog.blogId, commentIds: [first], operation: "spam" });
    await applyModeration({ blogId: blog.blogId, commentIds: ids.slice(1), operation: "approve" });
    expect(await tabCounts(blog.blogId)).toEqual({ ...before, approved: before.approved + 2, spam: before.spam + 1 });
    // An operation that changes nothing (already approved) counts nothing twice.
    await applyModeration({ blogId: blog.blogId, commentIds: ids.slice(1), operation: "approve" });
    expect(await tabCounts(blog.blogId)).toEqual({ ...before, approved: before.approved + 2, spam: before.spam + 1 });
  });

  it("lose the comments deleted for good, and keep their replies counted", async () => {
    const before = await tabCounts(blog.blogId);
    const parent = await submitComment(submission(blog.postId, { email: "parent@example.org", body: "Commentaire à supprimer." }), client());
    if (!parent.ok) throw new Error("comment refused");
    await replyAsMember({ blogId: blog.blogId, userId: ownerId, commentId: parent.commentId, body: "Réponse qui reste." });
    await applyModeration({ blogId: blog.blogId, commentIds: [parent.commentId], operation: "spam" });
    await applyModeration({ blogId: blog.blogId, commentIds: [parent.commentId], operation: "delete" });
    expect(await tabCounts(blog.blogId)).toEqual({ ...before, approved: before.approved + 1 });
  });

  it("never move when another blog's comments are forged into a moderation call", async () => {
    const neighbours = await tabCounts(neighbour.blogId);
    const [theirs] = await db.select({ id: comments.id }).from(comments).where(eq(comments.blogId, neighbour.blogId));
    for (const operation of ["approve", "spam", "trash", "delete"] as const) {
      await applyModeration({ blogId: blog.blogId, commentIds: [theirs?.id ?? 0], operation });
    }
    expect(await tabCounts(neighbour.blogId)).toEqual(neighbours);
  });

  it("lose a deleted post's comments, and only those", async () => {
    const before = await tabCounts(blog.blogId);
    const onOther = await db.select({ status: comments.status }).from(comments).where(eq(comments.postId, blog.otherPostId));
    expect(onOther.length).toBeGreaterThan(0);
    expect(await deletePost({ userId: ownerId, postId: blog.otherPostId })).toMatchObject({ blogId: blog.blogId });
    const expected = { ...before };
    for (const { status } of onOther) expected[status] -= 1;
    expect(await tabCounts(blog.blogId)).toEqual(expected);
  });

  it("leave with the blog when it is deleted, the other blogs' counts as they were", async () => {
    const neighbours = await tabCounts(neighbour.blogId);
    const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-counts-")));
    expect(await deleteBlog({ userId: ownerId, blogId: blog.blogId, slug: "carnet-de-margot", typedAddress: "carnet-de-margot" }, storage)).toMatchObject({ ok: true });
    expect(await countCommentsByStatus(blog.blogId)).toEqual({ pending: 0, approved: 0, spam: 0, trash: 0 });
    expect(await tabCounts(neighbour.blogId)).toEqual(neighbours);
  });
});

describe("the tab counts of an imported blog", () => {
  let converter: HtmlConverter;
  beforeAll(async () => {
    converter = createHtmlConverter();
  });
  afterAll(async () => {
    await converter.close();
  });

  it("count the imported comments in the tabs of the status they came with", async () => {
    const userId = await createUser("Hélène Importe", "helene@example.org");
    const imported = await createBlog({ slug: "carnet-importe", ownerId: userId });
    const path = fixtureFile("wordpress.xml");
    await importXmlFile({ blogId: imported.blogId, userId, converter }, path, await surveyXmlFile(path));
    const counts = await tabCounts(imported.blogId);
    expect(counts.approved).toBeGreaterThan(0);
    expect(counts.spam + counts.pending).toBeGreaterThan(0);
  }, 60_000);
});

describe("the migration that brings the counts", () => {
  it("fills them from the comments a database already holds", async () => {
    const client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), "carnet-counts-migration-")), "carnet.db")}` });
    const journal = JSON.parse(readFileSync(join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((entry) => entry.tag === "0009_comment_counts");
    const migrations = readMigrationFiles({ migrationsFolder: join(process.cwd(), "drizzle") });
    const run = async (statements: string[]) => {
      for (const statement of statements) await client.execute(statement);
    };
    for (const migration of migrations.slice(0, at)) await run(migration.sql);
    await client.execute("PRAGMA foreign_keys = ON");

    // A database of the version before: two blogs and their comments, written with the old schema's columns.
    const old = drizzle(client);
    const [user] = await old.insert(users).values({ name: "Ancienne", email: "ancienne@example.org" }).returning({ id: users.id });
    const blogIds: number[] = [];
    for (const slug of ["ancien-carnet", "autre-ancien-carnet"]) {
      const [row] = await old.insert(blogs).values({ slug, title: slug, ownerId: user?.id ?? "" }).returning({ id: blogs.id });
      blogIds.push(row?.id ?? 0);
    }
    const [first = 0, second = 0] = blogIds;
    const postOf = async (blogId: number) =>
      (await old.insert(posts).values({ blogId, slug: "billet", title: "Billet", status: "published", publishedAt: 1, updatedAt: 1 }).returning({ id: posts.id }))[0]?.id ?? 0;
    const firstPost = await postOf(first);
    const secondPost = await postOf(second);
    const comment = (blogId: number, postId: number, status: CommentStatus) => ({ blogId, postId, authorName: "Lecteur", authorEmail: "lecteur@example.org", body: "Ancien mot.", status });
    await old
      .insert(comments)
      .values([
        comment(first, firstPost, "approved"),
        comment(first, firstPost, "approved"),
        comment(first, firstPost, "pending"),
        comment(first, firstPost, "trash"),
        comment(second, secondPost, "spam"),
      ]);

    await run(migrations[at]?.sql ?? []);
    const rows = await client.execute("select blog_id, status, total from comment_count order by blog_id, status");
    expect(rows.rows.map((row) => [Number(row.blog_id), row.status, Number(row.total)])).toEqual([
      [first, "approved", 2],
      [first, "pending", 1],
      [first, "trash", 1],
      [second, "spam", 1],
    ]);
    // And the triggers it creates keep them from then on.
    await old.insert(comments).values(comment(second, secondPost, "approved"));
    await old.delete(posts).where(eq(posts.id, firstPost));
    const after = await client.execute("select blog_id, status, total from comment_count where total > 0 order by blog_id, status");
    expect(after.rows.map((row) => [Number(row.blog_id), row.status, Number(row.total)])).toEqual([
      [second, "approved", 1],
      [second, "spam", 1],
    ]);
    client.close();
  });
});
