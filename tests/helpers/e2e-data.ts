// Direct writes to the end-to-end server's database, for a journey's own blogs and accounts (so that the
// demo blog, which other journeys check, is left as seeded).
import { randomUUID } from "node:crypto";
import { createClient, type Client } from "@libsql/client";
import { hash } from "@node-rs/argon2";
import { DEMO_EMAIL } from "./sign-in";

export function openDatabase(url: string): Client {
  return createClient({ url });
}

export async function userIdByEmail(client: Client, email = DEMO_EMAIL): Promise<string> {
  const result = await client.execute({ sql: "select id from user where email = ?", args: [email] });
  const id = result.rows[0]?.id;
  if (typeof id !== "string") throw new Error(`no account for ${email}`);
  return id;
}

/** An account that can sign in with a password. */
export async function createAccount(client: Client, input: { name: string; email: string; password: string }): Promise<string> {
  const id = randomUUID();
  await client.execute({
    sql: "insert into user (id, name, email, emailVerified, password_hash, created_at) values (?, ?, ?, ?, ?, ?)",
    args: [id, input.name, input.email, Date.now(), await hash(input.password), Date.now()],
  });
  return id;
}

/** A blog owned by `ownerId`, with default settings and no posts. */
export async function createBlog(client: Client, input: { slug: string; title: string; ownerId: string; description?: string }): Promise<number> {
  const result = await client.execute({
    sql: "insert into blog (slug, title, description, owner_id, created_at) values (?, ?, ?, ?, ?) returning id",
    args: [input.slug, input.title, input.description ?? "", input.ownerId, Date.now()],
  });
  const id = Number(result.rows[0]?.id);
  await addMember(client, id, input.ownerId, "owner");
  return id;
}

export async function addMember(client: Client, blogId: number, userId: string, role: "owner" | "author"): Promise<void> {
  await client.execute({ sql: "insert into blog_member (blog_id, user_id, role, created_at) values (?, ?, ?, ?)", args: [blogId, userId, role, Date.now()] });
}

/** A slug no other run of the journeys used, since the server's database outlives a single file. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
