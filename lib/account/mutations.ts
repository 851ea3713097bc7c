import "server-only";
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { verifyPassword } from "@/lib/auth/password";
import { blogPostsTag, postTag } from "@/lib/cache-tags";
import { removeBlogInTransaction, removeMediaFiles, type RemovedBlog } from "@/lib/blogs/mutations";
import { db, type Database } from "@/lib/db";
import { blogInvitations, blogMembers, blogs, posts, users } from "@/lib/db/schema";
import { mediaStorage, type MediaStorage } from "@/lib/media/storage";
import { consumeRateLimit } from "@/lib/rate-limit";

type Reader = Pick<Database, "select">;

export type AccountBlog = { id: number; slug: string; title: string };
export type Successor = { userId: string; name: string; email: string };

export type AccountBlogs = {
  /** Blogs the person alone owns while others write there: to hand over or delete first. */
  blocking: (AccountBlog & { successors: Successor[] })[];
  /** Blogs of which the person is the only member: deleted with the account. */
  deletedWithAccount: AccountBlog[];
  /** Blogs that keep another owner: the person just leaves them. */
  left: AccountBlog[];
};

/** What becomes of each blog of a person when their account is deleted. */
export async function listAccountBlogs(userId: string, executor: Reader = db): Promise<AccountBlogs> {
  const others = sql<number>`(select count(*) from ${blogMembers} as other where other.blog_id = ${blogs.id} and other.user_id != ${userId})`.mapWith(Number);
  const otherOwners = sql<number>`(select count(*) from ${blogMembers} as other where other.blog_id = ${blogs.id} and other.user_id != ${userId} and other.role = 'owner')`.mapWith(Number);
  const rows = await executor
    .select({ id: blogs.id, slug: blogs.slug, title: blogs.title, role: blogMembers.role, others, otherOwners })
    .from(blogMembers)
    .innerJoin(blogs, eq(blogs.id, blogMembers.blogId))
    .where(eq(blogMembers.userId, userId))
    .orderBy(asc(blogs.title));
  const result: AccountBlogs = { blocking: [], deletedWithAccount: [], left: [] };
  for (const { role, others: otherCount, otherOwners: ownerCount, ...blog } of rows) {
    if (otherCount === 0) result.deletedWithAccount.push(blog);
    else if (role === "owner" && ownerCount === 0) result.blocking.push({ ...blog, successors: await listSuccessors(blog.id, userId, executor) });
    else result.left.push(blog);
  }
  return result;
}

async function listSuccessors(blogId: number, userId: string, executor: Reader): Promise<Successor[]> {
  const rows = await executor
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(blogMembers)
    .innerJoin(users, eq(users.id, blogMembers.userId))
    .where(and(eq(blogMembers.blogId, blogId), ne(blogMembers.userId, userId)))
    .orderBy(asc(blogMembers.createdAt));
  return rows.map((row) => ({ userId: row.userId, name: row.name ?? "", email: row.email ?? "" }));
}

/**
 * Makes another member of a blog its owner, for one of its owners (who stays an owner until they leave).
 * Both memberships are checked in the UPDATE itself.
 */
export async function handOverBlog(input: { userId: string; blogId: number; successorId: string }): Promise<{ ok: true; blogTitle: string; successorName: string } | { ok: false }> {
  if (input.successorId === input.userId) return { ok: false };
  const callerOwns = sql`exists (select 1 from ${blogMembers} as caller where caller.blog_id = ${input.blogId} and caller.user_id = ${input.userId} and caller.role = 'owner')`;
  const promoted = await db
    .update(blogMembers)
    .set({ role: "owner" })
    .where(and(eq(blogMembers.blogId, input.blogId), eq(blogMembers.userId, input.successorId), callerOwns))
    .returning({ userId: blogMembers.userId });
  if (promoted.length === 0) return { ok: false };
  const [names] = await db
    .select({ title: blogs.title, name: users.name, email: users.email })
    .from(blogs)
    .innerJoin(users, eq(users.id, input.successorId))
    .where(eq(blogs.id, input.blogId))
    .limit(1);
  return { ok: true, blogTitle: names?.title ?? "", successorName: names?.name || names?.email || "" };
}

/** Whether the account signs in with a password (the deletion asks for it) or only with mailed links. */
export async function hasPassword(userId: string): Promise<boolean> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return Boolean(row?.passwordHash);
}

export type DeleteAccountOutcome =
  | { ok: true; removedBlogs: RemovedBlog[] }
  | { ok: false; reason: "blocked" | "wrong-password" | "wrong-email" | "too-many-attempts" | "not-found" };

// Checking a password is costly and guessable: a few tries per quarter of an hour.
const ATTEMPTS = 8;
const WINDOW_MS = 15 * 60_000;

/**
 * Deletes a person's account for good, once they have proved it is them (their password, or for an
 * account without one, its address typed again). Refused while they alone own a blog others write on.
 * In one transaction: the blogs they are the only member of are deleted (subscribers told, addresses
 * resting), the blogs they leave keep their other owners, the invitations they sent are withdrawn, then
 * the account row, which takes memberships and sessions with it (posts and media they made on blogs that
 * stay lose their author's name, not their content). Media files of deleted blogs go afterwards.
 */
export async function deleteAccount(
  input: { userId: string; password: unknown; email: unknown },
  storage: MediaStorage = mediaStorage(),
  now = Date.now(),
): Promise<DeleteAccountOutcome> {
  const [account] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!account) return { ok: false, reason: "not-found" };
  if (!(await consumeRateLimit(`account-delete:user:${input.userId}`, ATTEMPTS, WINDOW_MS, now))) return { ok: false, reason: "too-many-attempts" };
  if (account.passwordHash) {
    const password = typeof input.password === "string" ? input.password.slice(0, 200) : "";
    if (!password || !(await verifyPassword(account.passwordHash, password))) return { ok: false, reason: "wrong-password" };
  } else if (typeof input.email !== "string" || input.email.trim().toLowerCase() !== (account.email ?? "").toLowerCase()) {
    return { ok: false, reason: "wrong-email" };
  }

  const removedBlogs = await db.transaction(async (tx) => {
    const blogsOfAccount = await listAccountBlogs(input.userId, tx);
    if (blogsOfAccount.blocking.length > 0) return null;
    const removed: RemovedBlog[] = [];
    for (const blog of blogsOfAccount.deletedWithAccount) {
      const gone = await removeBlogInTransaction(tx, blog.id, now);
      if (gone) removed.push(gone);
    }
    // The account named as responsible for a blog it leaves: another owner takes that place.
    for (const blog of blogsOfAccount.left) {
      await tx
        .update(blogs)
        .set({
          ownerId: sql`(select ${blogMembers.userId} from ${blogMembers} where ${blogMembers.blogId} = ${blog.id} and ${blogMembers.role} = 'owner' and ${blogMembers.userId} != ${input.userId} order by ${blogMembers.createdAt} limit 1)`,
        })
        .where(and(eq(blogs.id, blog.id), eq(blogs.ownerId, input.userId)));
    }
    await tx.delete(blogInvitations).where(eq(blogInvitations.invitedBy, input.userId));
    await tx.delete(users).where(eq(users.id, input.userId));
    return removed;
  });
  if (!removedBlogs) return { ok: false, reason: "blocked" };
  await removeMediaFiles(
    removedBlogs.flatMap((blog) => blog.storageKeys),
    storage,
  );
  return { ok: true, removedBlogs };
}

/**
 * Changes the name shown under a person's posts and comments' replies; returns the cache tags of the
 * reader pages that show it (their posts, and the listings of the blogs they belong to).
 */
export async function setDisplayName(input: { userId: string; name: string }): Promise<string[]> {
  const tags = await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, input.userId));
    const [written, memberships] = await Promise.all([
      tx.select({ id: posts.id }).from(posts).where(and(eq(posts.authorId, input.userId), isNotNull(posts.publishedAt))),
      tx.select({ blogId: blogMembers.blogId }).from(blogMembers).where(eq(blogMembers.userId, input.userId)),
    ]);
    return [...written.map((post) => postTag(post.id)), ...memberships.map((member) => blogPostsTag(member.blogId))];
  });
  return tags;
}
