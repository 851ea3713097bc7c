// `npm run import -- --blog <slug> <file-or-url>`: imports a WordPress export (WXR), an RSS or Atom
// feed into a blog, as its owner, and shows the progress. The job is the administration's too: it
// appears on the blog's « Importer » page, and a stopped command can be run again to resume.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { createImageLocalizer } from "@/lib/import/images";
import { claimImportJob, createImportJob, newImportFilePath, removeImportFile, runImportJob } from "@/lib/import/jobs";
import { MAX_FEED_BYTES } from "@/lib/import/limits";
import { safeFetch } from "@/lib/import/safe-fetch";
import { expireImportedPages } from "@/lib/import/worker";

const t = getTranslator("fr");

const { values, positionals } = parseArgs({ options: { blog: { type: "string" } }, allowPositionals: true });
const source = positionals[0];
if (!values.blog || !source) {
  console.error("Usage : npm run import -- --blog <adresse-du-blog> <fichier-ou-adresse-de-flux>");
  process.exit(2);
}
const [blog] = await db.select({ id: blogs.id, ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.slug, values.blog));
if (!blog) {
  console.error(`Aucun blog à l'adresse « ${values.blog} ».`);
  process.exit(1);
}
let path = resolve(source);
if (/^https?:\/\//i.test(source)) {
  // A feed's address: fetched once (under the import's network rules), then read like a file.
  const fetched = await safeFetch(source, { maxBytes: MAX_FEED_BYTES, accept: "application/rss+xml, application/atom+xml, application/xml, text/xml" });
  if (!fetched.ok) {
    console.error(`Adresse injoignable (${fetched.problem}${fetched.status ? ` ${fetched.status}` : ""}).`);
    process.exit(1);
  }
  path = await newImportFilePath();
  await writeFile(path, fetched.body);
}
const jobId = await createImportJob({ blogId: blog.id, userId: blog.ownerId, kind: "wxr", source: path, label: source });
const job = await claimImportJob({ jobId });
if (!job) throw new Error("import job not claimed");
const outcome = await runImportJob(job, {
  localizeImage: createImageLocalizer(job),
  onProgress: ({ itemsDone, itemsTotal }) => process.stdout.write(`\r${itemsDone} / ${itemsTotal}`),
});
process.stdout.write("\n");
const [done] = await db.query.importJobs.findMany({ where: (jobs, { eq: equals }) => equals(jobs.id, jobId), limit: 1 });
for (const problem of done?.report ?? []) console.log(`- ${t(problem.key as never, problem.values as never)}`);
console.log(outcome.status === "done" ? `Import terminé : ${outcome.postIds.length} articles.` : "Import échoué.");
if (outcome.status === "done") await removeImportFile(job);
// A running server rebuilds the blog's pages now; without one, they are rebuilt when it starts.
await expireImportedPages(jobId).catch(() => console.log("(Aucun serveur Carnet joignable : les pages seront à jour à son démarrage.)"));
process.exit(outcome.status === "done" ? 0 : 1);
