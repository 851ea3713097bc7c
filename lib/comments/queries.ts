import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { comments } from "@/lib/db/schema";

export type PublicComment = {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  isMember: boolean;
  body: string;
  createdAt: number;
};

/** The approved comments of a post, oldest first. The commenter's e-mail never leaves this function. */
export async function listApprovedComments(input: { blogId: number; postId: number }): Promise<PublicComment[]> {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      authorUrl: comments.authorUrl,
      authorUserId: comments.authorUserId,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(and(eq(comments.blogId, input.blogId), eq(comments.postId, input.postId), eq(comments.status, "approved")))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return rows.map(({ authorUserId, ...row }) => ({ ...row, isMember: authorUserId !== null }));
}
