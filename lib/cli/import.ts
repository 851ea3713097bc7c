// `npm run import -- --blog <slug> <file-or-url>`: imports a WordPress export (WXR), an RSS or Atom
// feed, or a Canalblog blog (its address, or a folder or zip of its saved pages) into a blog, as its
// owner, and shows the progress. The job is the administration's too: it appears on the blog's
// « Importer » page, and a stopped command can be run again to resume.
import { stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";
import { canalblogAddress } from "@/lib/import/canalblog";
import { createImageLocalizer } from "@/lib/import/images";
import { claimImportJob, createImportJob, newImportFilePath, removeImportFile, runImportJob } from "@/lib/import/jobs";
import { MAX_FEED_BYTES } from "@/lib/import/limits";
import { safeFetch } from "@/lib/import/safe-fetch";
import { expireImportedPages } from "@/lib/import/worker";

const t = getTranslator("fr");

const { values, positionals } = parseArgs({ options: { blog: { type: "string" }, canalblog: { type: "boolean" } }, allowPositionals: true });
const source = positionals[0];
if (!values.blog || !source) {
  console.error("Usage : npm run import -- --blog <adresse-du-blog> [--canalblog] <fichier, dossier, zip, adresse de flux ou de blog Canalblog>");
  process.exit(2);
}
const [blog] = await db.select({ id: blogs.id, ownerId: blogs.ownerId }).from(blogs).where(eq(blogs.slug, values.blog));
if (!blog) {
  console.error(`Aucun blog à l'adresse « ${values.blog} ».`);
  process.exit(1);
}
/** A Canalblog job's source, or null: a Canalblog address, a saved copy (a folder, a zip), or an address answering HTML. */
async function canalblogSource(): Promise<string | null> {
  const address = /^https?:\/\//i.test(source as string) ? canalblogAddress(source as string) : null;
  if (address) return values.canalblog || /(^|\.)canalblog\.com$/i.test(new URL(address).hostname) ? address : null;
  const file = await stat(resolve(source as string)).catch(() => null);
  return file && (file.isDirectory() || /\.zip$/i.test(source as string)) ? resolve(source as string) : null;
}

let kind: "wxr" | "canalblog" = "wxr";
let path = await canalblogSource();
if (path) kind = "canalblog";
else if (/^https?:\/\//i.test(source)) {
  // A feed's address: fetched once (under the import's network rules), then read like a file; an
  // address that answers a web page is taken for a Canalblog blog with its own domain.
  const fetched = await safeFetch(source, { maxBytes: MAX_FEED_BYTES, accept: "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html" });
  if (!fetched.ok) {
    console.error(`Adresse injoignable (${fetched.problem}${fetched.status ? ` ${fetched.status}` : ""}).`);
    process.exit(1);
  }
  if (/text\/html|application\/xhtml/i.test(fetched.contentType)) {
    kind = "canalblog";
    path = source;
  } else {
    path = await newImportFilePath();
    await writeFile(path, fetched.body);
  }
} else path = resolve(source);
if (kind === "canalblog") console.log("Import Canalblog : les pages sont lues une à une, avec une pause entre deux (IMPORT_CANALBLOG_DELAY_MS).");
const jobId = await createImportJob({ blogId: blog.id, userId: blog.ownerId, kind, source: path, label: source });
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
