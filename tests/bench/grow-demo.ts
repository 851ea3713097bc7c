import type { Client } from "@libsql/client";

const BATCH = 1000;

/** The demo blog's id and owner. */
export async function demoBlog(client: Client): Promise<{ blogId: number; ownerId: string }> {
  const blog = await client.execute("select id, owner_id from blog where slug = 'formation-continue'");
  return { blogId: Number(blog.rows[0]?.id), ownerId: String(blog.rows[0]?.owner_id) };
}

/** Adds `count` posts to the demo blog (a third each published, draft and scheduled), one hour apart from 2014. */
export async function addDemoPosts(client: Client, count: number): Promise<void> {
  const { blogId, ownerId } = await demoBlog(client);
  const statuses = ["published", "draft", "scheduled"];
  const start = Date.parse("2014-01-01T08:00:00Z");
  for (let offset = 0; offset < count; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - offset) }, (_, i) => offset + i);
    await client.batch(
      rows.map((n) => ({
        sql: "insert into post (blog_id, author_id, slug, title, body_markdown, body_html, excerpt, status, published_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        args: [blogId, ownerId, `billet-${n}`, `Billet numéro ${n} sur la formation des adultes`, `Texte du billet ${n}.`, `<p>Texte du billet ${n}.</p>`, `Texte du billet ${n}.`, statuses[n % 3] ?? "draft", start + n * 3_600_000, start + n * 3_600_000, start + n * 3_600_000],
      })),
      "write",
    );
  }
}

/** Adds `count` approved readers' comments, spread over the demo blog's posts. */
export async function addDemoComments(client: Client, count: number): Promise<void> {
  const { blogId } = await demoBlog(client);
  const postIds = (await client.execute({ sql: "select id from post where blog_id = ?", args: [blogId] })).rows.map((row) => Number(row.id));
  const start = Date.parse("2014-02-01T08:00:00Z");
  for (let offset = 0; offset < count; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - offset) }, (_, i) => offset + i);
    await client.batch(
      rows.map((n) => ({
        sql: "insert into comment (blog_id, post_id, author_name, author_email, body, status, created_at) values (?, ?, ?, ?, ?, 'approved', ?)",
        args: [blogId, postIds[n % postIds.length] ?? null, `Lecteur ${n}`, `lecteur-${n}@exemple.test`, `Merci pour ce billet : la remarque numéro ${n} rejoint ce que je vis en formation d'adultes.`, start + n * 60_000],
      })),
      "write",
    );
  }
}
