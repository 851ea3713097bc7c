import "server-only";
import { and, eq } from "drizzle-orm";
import { forbidden } from "next/navigation";
import { requireSessionUser, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { blogMembers, blogs, type BlogSettings, type Language, type MemberRole } from "@/lib/db/schema";
import { can, type Member, type Permission } from "@/lib/permissions";
import { publicBlogColumns } from "./queries";

export type MemberBlog = {
  id: number;
  slug: string;
  title: string;
  description: string;
  language: Language;
  timeZone: string;
  settings: BlogSettings;
  /** When the blog was opened: a new blog's first days have lower limits (lib/abuse/limits.ts). */
  createdAt: number;
  role: MemberRole;
};

/** The blog with the caller's role in it, or null when the caller is not a member. Every admin read and write starts here. */
export async function getMemberBlog(input: { userId: string; blogSlug?: string; blogId?: number }): Promise<MemberBlog | null> {
  const target = input.blogId !== undefined ? eq(blogs.id, input.blogId) : input.blogSlug !== undefined ? eq(blogs.slug, input.blogSlug) : undefined;
  if (!target) return null;
  const [row] = await db
    .select({ ...publicBlogColumns, createdAt: blogs.createdAt, role: blogMembers.role })
    .from(blogs)
    .innerJoin(blogMembers, and(eq(blogMembers.blogId, blogs.id), eq(blogMembers.userId, input.userId)))
    .where(target)
    .limit(1);
  return row ?? null;
}

/** The caller's membership as lib/permissions.ts reads it. */
export const asMember = (blog: MemberBlog, userId: string): MemberBlog & Member => ({ ...blog, userId, blogId: blog.id });

/**
 * For admin pages: the signed-in member's blog. Signed-out readers go to sign-in and come back;
 * anyone else gets the 403 page ("vous n'êtes pas membre de ce blog").
 */
export async function requireMemberBlog(blogSlug: string, returnPath: string, permission: Permission = "blog.view"): Promise<{ user: SessionUser; blog: MemberBlog }> {
  const user = await requireSessionUser(returnPath);
  const blog = await getMemberBlog({ userId: user.id, blogSlug });
  if (!blog || !can(asMember(blog, user.id), permission)) forbidden();
  return { user, blog };
}

