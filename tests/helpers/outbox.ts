import { createClient } from "@libsql/client";

/** The newest message queued for `to` in a running Carnet's outbox (read straight from its database file). */
export async function latestMailTo(databaseUrl: string, to: string, kind?: string): Promise<{ subject: string; text: string } | null> {
  const client = createClient({ url: databaseUrl });
  try {
    const result = await client.execute({
      sql: `select subject, text_body from email_outbox where to_address = ? ${kind ? "and kind = ?" : ""} order by id desc limit 1`,
      args: kind ? [to, kind] : [to],
    });
    const row = result.rows[0];
    return row ? { subject: String(row.subject), text: String(row.text_body) } : null;
  } finally {
    client.close();
  }
}

export function firstLink(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[0];
}
