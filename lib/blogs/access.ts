import "server-only";
import { and, eq } from "drizzle-orm";
import { forbidden } from "next/navigation";
import { getSessionUser, requireSessionUser, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { blogMembers, blogs, type BlogSettings, type Language, type MemberRole } from "@/lib/db/schema";
import { platformUrl } from "@/lib/urls";
import { publicBlogColumns } from "./queries";

export type MemberBlog = {
  id: number;
  slug: string;
  title: string;
  description: string;
  language: Language;
  timeZone: string;
  settings: BlogSettings;
  role: MemberRole;
};

/** The blog with the caller's role in it, or null when the caller is not a member. Every admin read and write starts here. */
export async function getMemberBlog(input: { userId: string; blogSlug?: string; blogId?: number }): Promise<MemberBlog | null> {
  const target = input.blogId !== undefined ? eq(blogs.id, input.blogId) : input.blogSlug !== undefined ? eq(blogs.slug, input.blogSlug) : undefined;
  if (!target) return null;
  const [row] = await db
    .select({ ...publicBlogColumns, role: blogMembers.role })
    .from(blogs)
    .innerJoin(blogMembers, and(eq(blogMembers.blogId, blogs.id), eq(blogMembers.userId, input.userId)))
    .where(target)
    .limit(1);
  return row ?? null;
}

/**
 * For admin pages: the signed-in member's blog. Signed-out readers go to sign-in and come back;
 * anyone else gets the 403 page ("vous n'êtes pas membre de ce blog").
 */
export async function requireMemberBlog(blogSlug: string, returnPath: string, roles: MemberRole[] = ["owner", "author"]): Promise<{ user: SessionUser; blog: MemberBlog }> {
  const user = await requireSessionUser(returnPath);
  const blog = await getMemberBlog({ userId: user.id, blogSlug });
  if (!blog || !roles.includes(blog.role)) forbidden();
  return { user, blog };
}

/**
 * For the administration's downloads (route handlers): the blog when the signed-in person owns it;
 * otherwise the answer to send instead (to sign-in for a signed-out person, a 403 with `refusal`).
 */
export async function ownerBlogForDownload(blogSlug: string, returnPath: string, refusal: string): Promise<MemberBlog | Response> {
  const user = await getSessionUser();
  if (!user) return new Response(null, { status: 303, headers: { Location: platformUrl(`/connexion?retour=${encodeURIComponent(returnPath)}`) } });
  const blog = await getMemberBlog({ userId: user.id, blogSlug });
  if (!blog || blog.role !== "owner") return new Response(refusal, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return blog;
}

/** The headers of a file the administration hands over: a download, never cached. */
export function downloadHeaders(contentType: string, fileName: string): Record<string, string> {
  return { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "private, no-store" };
}
