import { db } from "@/lib/db";
import { blogMembers, blogs, users, type MemberRole } from "@/lib/db/schema";

let counter = 0;

/** A person with an account (no password, a proved address), for tests that act as them. */
export async function makeUser(name = "Personne"): Promise<string> {
  counter += 1;
  const [user] = await db.insert(users).values({ name, email: `personne-${counter}-${Date.now()}@example.org`, emailVerified: new Date() }).returning({ id: users.id });
  if (!user) throw new Error("user not created");
  return user.id;
}

/** A blog owned by `ownerId`, with optional extra members. */
export async function makeBlog(ownerId: string, members: { userId: string; role: MemberRole }[] = []): Promise<{ id: number; slug: string }> {
  counter += 1;
  const slug = `blog-essai-${counter}`;
  const [blog] = await db.insert(blogs).values({ slug, title: `Blog d’essai ${counter}`, ownerId }).returning({ id: blogs.id, slug: blogs.slug });
  if (!blog) throw new Error("blog not created");
  await db.insert(blogMembers).values([{ blogId: blog.id, userId: ownerId, role: "owner" }, ...members.map((member) => ({ blogId: blog.id, ...member }))]);
  return blog;
}
