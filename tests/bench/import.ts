// `npm run bench:import -- [megabytes] [--images]`: generates a WordPress export of that size (200 MB by
// default), imports it into a fresh database and prints the posts per second and the peak RSS (the
// process and its conversion worker thread share it). With --images, every post shows an image of its
// own, served by a local HTTP server and brought into the media as an import does. Figures go in
// tests/bench/RESULTS.md.
import { createWriteStream, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import sharp from "sharp";

const withImages = process.argv.includes("--images");
const megabytes = Number(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? 200);
const dir = mkdtempSync(join(tmpdir(), "carnet-bench-import-"));
process.env.DATABASE_URL = `file:${join(dir, "bench.db")}`;
const path = join(dir, "export.xml");

// The image server: the same small PNG at every address (each address is still fetched and re-encoded).
const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#2f7d32" } }).png().toBuffer();
const imageServer = createServer((_request, response) => response.writeHead(200, { "content-type": "image/png", "content-length": png.byteLength }).end(png));
await new Promise<void>((resolve) => imageServer.listen(0, "127.0.0.1", resolve));
const imageOrigin = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;

const paragraph = "<p>Au marché de Douarnenez, les sardines brillent sous la criée ; on y parle <em>breton</em> et français, et l'on y goûte le kouign-amann encore tiède.</p>\n";
const out = createWriteStream(path);
const write = async (text: string) => {
  if (!out.write(text)) await once(out, "drain");
};
await write(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"><channel><title>Banc d'essai</title><link>https://banc.example</link><wp:wxr_version>1.2</wp:wxr_version>\n`);
let posts = 0;
while (out.bytesWritten < megabytes * 1024 * 1024) {
  posts += 1;
  await write(
    `<item><title>Billet numéro ${posts}</title><link>https://banc.example/?p=${posts}</link><content:encoded><![CDATA[${withImages ? `<p><img src="${imageOrigin}/photos/${posts}.png" alt="Photo ${posts}"></p>\n` : ""}${paragraph.repeat(30)}]]></content:encoded><wp:post_id>${posts}</wp:post_id><wp:post_date_gmt>2015-06-24 10:00:00</wp:post_date_gmt><wp:post_name>billet-${posts}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="marche"><![CDATA[Marché]]></category><wp:comment><wp:comment_id>${posts}</wp:comment_id><wp:comment_author>Anne</wp:comment_author><wp:comment_content>Merci pour ce billet !</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>\n`,
  );
}
await write("</channel></rss>\n");
out.end();
await once(out, "finish");

const { migrateDatabase } = await import("@/lib/db/migrate");
await migrateDatabase();
const { db } = await import("@/lib/db");
const { blogs, users } = await import("@/lib/db/schema");
const [user] = await db.insert(users).values({ name: "Banc", email: "banc@example.org" }).returning({ id: users.id });
const [blog] = await db.insert(blogs).values({ slug: "banc", title: "Banc", ownerId: user!.id }).returning({ id: blogs.id });
const { createHtmlConverter } = await import("@/lib/import/converter");
const { importXmlFile, surveyXmlFile } = await import("@/lib/import/run");
const { createImageLocalizer } = await import("@/lib/import/images");
const { fileSystemMediaStorage } = await import("@/lib/media/storage");
const localizeImage = withImages
  ? createImageLocalizer({ blogId: blog!.id, userId: user!.id }, { allowPrivate: true, storage: fileSystemMediaStorage(join(dir, "media")) })
  : undefined;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const converter = createHtmlConverter();
const started = performance.now();
const summary = await surveyXmlFile(path);
const run = await importXmlFile({ blogId: blog!.id, userId: user!.id, converter, localizeImage }, path, summary);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await converter.close();
imageServer.close();
console.log(
  `${megabytes} MB, ${run.postIds.length} posts in ${seconds.toFixed(1)} s: ${(run.postIds.length / seconds).toFixed(1)} posts/s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (${withImages ? "one image a post" : "without images"})`,
);
