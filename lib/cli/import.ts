// `npm run import -- --blog <slug> <file-or-url>`: imports a WordPress export (WXR), an RSS or Atom
// feed into a blog, as its owner, and shows the progress. The job is the administration's too: it
// appears on the blog's « Importer » page, and a stopped command can be run again to resume.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { claimImportJob, createImportJob, runImportJob } from "@/lib/import/jobs";

const t = getTranslator("fr");

const { values, positionals } = parseArgs({ options: { blog: { type: "string" } }, allowPositionals: true });
const source = positionals[0];
if (!values.blog || !source) {
  console.error("Usage : npm run import -- --blog <adresse-du-blog> <fichier>");
  process.exit(2);
}
const [blog] = await db.select({ id: blogs.id, ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.slug, values.blog));
if (!blog) {
  console.error(`Aucun blog à l'adresse « ${values.blog} ».`);
  process.exit(1);
}
const path = resolve(source);
const jobId = await createImportJob({ blogId: blog.id, userId: blog.ownerId, kind: "wxr", source: path, label: source });
const job = await claimImportJob({ jobId });
if (!job) throw new Error("import job not claimed");
const outcome = await runImportJob(job, {
  onProgress: ({ itemsDone, itemsTotal }) => process.stdout.write(`\r${itemsDone} / ${itemsTotal}`),
});
process.stdout.write("\n");
const [done] = await db.query.importJobs.findMany({ where: (jobs, { eq: equals }) => equals(jobs.id, jobId), limit: 1 });
for (const problem of done?.report ?? []) console.log(`- ${t(problem.key as never, problem.values as never)}`);
console.log(outcome.status === "done" ? `Import terminé : ${outcome.postIds.length} articles.` : "Import échoué.");
process.exit(outcome.status === "done" ? 0 : 1);
