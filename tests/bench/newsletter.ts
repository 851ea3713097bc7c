// The newsletter part of `npm run bench`: a new post queued for 10 000 confirmed subscribers in a fresh
// database, then sent by the outbox worker to a local SMTP server (smtp-server, in this process).
// Prints the queueing time and the send rate; the figures go into README.md by hand, with the machine.
import { mkdtempSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { startSmtpServer } from "../helpers/smtp-server";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);

// Counting, not parsing: the SMTP server shares the machine with Carnet and must not be the bottleneck.
const smtp = await startSmtpServer({ parse: false });
process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), "carnet-bench-")), "bench.db")}`;
process.env.SMTP_URL = smtp.url;
process.env.ROOT_DOMAIN ??= "carnet.test";

const { eq } = await import("drizzle-orm");
const { db } = await import("@/lib/db");
const { migrateDatabase } = await import("@/lib/db/migrate");
const { blogMembers, blogs, posts, subscribers, users } = await import("@/lib/db/schema");
const { renderMarkdown } = await import("@/lib/markdown/render");
const { queuePostForSubscribers } = await import("@/lib/newsletter/fan-out");
const { createSmtpTransport } = await import("@/lib/mail/transport");
const { drainOutbox } = await import("@/lib/mail/worker");

await migrateDatabase();
const [owner] = await db.insert(users).values({ name: "Hélène", email: "bench@carnet.test", emailVerified: new Date() }).returning({ id: users.id });
// An established blog (a year old): a new blog's first days have a ceiling of newsletter mails.
const [blog] = await db
  .insert(blogs)
  .values({ slug: "banc-essai", title: "Banc d’essai", ownerId: owner!.id, createdAt: Date.now() - 365 * 86_400_000 })
  .returning({ id: blogs.id });
await db.insert(blogMembers).values({ blogId: blog!.id, userId: owner!.id, role: "owner" });
for (let start = 0; start < SUBSCRIBERS; start += 1000) {
  await db.insert(subscribers).values(
    Array.from({ length: Math.min(1000, SUBSCRIBERS - start) }, (_, index) => ({
      blogId: blog!.id,
      email: `abonne-${start + index + 1}@exemple.fr`,
      status: "confirmed" as const,
      confirmedAt: Date.now(),
    })),
  );
}
const markdown = Array.from({ length: 8 }, (_, index) => `## Partie ${index + 1}\n\nLa formation continue à l’université avance pas à pas : dispositifs, financements, VAE et pédagogie pour adultes, racontés avec des exemples concrets.`).join("\n\n");
const [post] = await db
  .insert(posts)
  .values({ blogId: blog!.id, slug: "nouvel-article", title: "Un nouvel article", bodyMarkdown: markdown, bodyHtml: renderMarkdown(markdown), status: "draft", updatedAt: Date.now() })
  .returning({ id: posts.id });

// Publishing: the post's status and its 10 000 messages in one transaction.
const queueStart = performance.now();
const queued = await db.transaction(async (tx) => {
  const now = Date.now();
  await tx.update(posts).set({ status: "published", publishedAt: now, updatedAt: now }).where(eq(posts.id, post!.id));
  return queuePostForSubscribers(tx, { blogId: blog!.id, postId: post!.id, now });
});
const queueMs = performance.now() - queueStart;

const transport = createSmtpTransport(smtp.url)!;
const sendStart = performance.now();
const sent = await drainOutbox(transport);
const sendMs = performance.now() - sendStart;
transport.close();
await smtp.close();

if (queued !== SUBSCRIBERS || sent !== SUBSCRIBERS || smtp.received() !== SUBSCRIBERS) {
  throw new Error(`queued ${queued}, sent ${sent}, received ${smtp.received()}: expected ${SUBSCRIBERS} each`);
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log("| newsletter | subscribers | queueing (ms) | sending (s) | mails/s |");
console.log("| --- | ---: | ---: | ---: | ---: |");
console.log(`| new post, excerpt | ${SUBSCRIBERS} | ${Math.round(queueMs)} | ${(sendMs / 1000).toFixed(1)} | ${Math.round(SUBSCRIBERS / (sendMs / 1000))} |`);
