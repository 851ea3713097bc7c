import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogMembers, blogs, blogViewTotals, comments, posts, subscribers } from "@/lib/db/schema";

export type MyBlogSummary = {
  id: number;
  slug: string;
  title: string;
  role: "owner" | "author";
  publishedCount: number;
  draftCount: number;
  pendingComments: number;
  subscriberCount: number;
  viewTotal: number;
};

/** The blogs a person belongs to, with the figures shown on "Mes blogs". */
export async function listMyBlogs(userId: string): Promise<MyBlogSummary[]> {
  return db
    .select({
      id: blogs.id,
      slug: blogs.slug,
      title: blogs.title,
      role: blogMembers.role,
      publishedCount: sql<number>`(select count(*) from ${posts} where ${posts.blogId} = ${blogs.id} and ${posts.status} = 'published')`.mapWith(Number),
      draftCount: sql<number>`(select count(*) from ${posts} where ${posts.blogId} = ${blogs.id} and ${posts.status} != 'published')`.mapWith(Number),
      pendingComments: sql<number>`(select count(*) from ${comments} where ${comments.blogId} = ${blogs.id} and ${comments.status} = 'pending')`.mapWith(Number),
      subscriberCount: sql<number>`(select count(*) from ${subscribers} where ${subscribers.blogId} = ${blogs.id} and ${subscribers.status} = 'confirmed')`.mapWith(Number),
      viewTotal: sql<number>`coalesce((select ${blogViewTotals.views} from ${blogViewTotals} where ${blogViewTotals.blogId} = ${blogs.id}), 0)`.mapWith(Number),
    })
    .from(blogMembers)
    .innerJoin(blogs, eq(blogs.id, blogMembers.blogId))
    .where(and(eq(blogMembers.userId, userId)))
    .orderBy(asc(blogs.title));
}
