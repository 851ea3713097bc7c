// People and blogs made directly in the test database, to act as (or against) a blog's members.
import { db } from "@/lib/db";
import { blogMembers, blogs, users, type MemberRole } from "@/lib/db/schema";

let counter = 0;

const localPart = (name: string) =>
  name
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.+|\.+$/g, "");

export async function createUser(name: string, email = `${localPart(name)}.${++counter}@exemple.test`) {
  const [user] = await db.insert(users).values({ name, email, emailVerified: new Date() }).returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw new Error("user not created");
  return { id: user.id, email: user.email ?? email, name: user.name ?? name };
}

/** A blog with its owner, and further members with their roles. */
export async function createBlog(slug: string, owner: { id: string }, members: { id: string; role: MemberRole }[] = []) {
  const [blog] = await db
    .insert(blogs)
    .values({ slug, title: `Carnet ${slug}`, description: "Un blog de test.", ownerId: owner.id })
    .returning({ id: blogs.id, slug: blogs.slug, title: blogs.title });
  if (!blog) throw new Error("blog not created");
  await db.insert(blogMembers).values([{ blogId: blog.id, userId: owner.id, role: "owner" as const }, ...members.map((member) => ({ blogId: blog.id, userId: member.id, role: member.role }))]);
  return blog;
}
