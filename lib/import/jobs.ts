import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { db } from "@/lib/db";
import { blogPostsTag, platformPostsTag, postCommentsTag, postTag } from "@/lib/cache-tags";
import { importedItems, importJobs, type ImportJob, type ImportKind, type ImportProblem } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { importCanalblogArticles, openCanalblogSource } from "./canalblog";
import { createHtmlConverter, type HtmlConverter } from "./converter";
import type { ImageLocalizer, ImportTarget } from "./importer";
import { importXmlFile, surveyXmlFile } from "./run";
import { ImportSourceError } from "./source-items";

// An import is a row of import_job: created by the administration or the command line, run by the
// server's background work (or by the command itself), its progress written with each batch. A job
// holds a lease while it runs; a job whose lease ran out (its server stopped) is taken up again and
// resumes after the last batch written.

export const IMPORT_LEASE_MS = 60_000;

/** The folder where uploaded files wait for their import. */
export function importDirectory(): string {
  return isAbsolute(env.IMPORT_DIR) ? env.IMPORT_DIR : join(/* turbopackIgnore: true */ process.cwd(), env.IMPORT_DIR);
}

/** A new file name in the import folder, for an upload about to be written (an export, or a zip of saved pages). */
export async function newImportFilePath(extension: "xml" | "zip" = "xml"): Promise<string> {
  const directory = importDirectory();
  await mkdir(directory, { recursive: true });
  return join(directory, `${Date.now()}-${randomBytes(8).toString("hex")}.${extension}`);
}

export async function createImportJob(input: { blogId: number; userId: string; kind: ImportKind; source: string; label: string }): Promise<number> {
  const [row] = await db.insert(importJobs).values(input).returning({ id: importJobs.id });
  if (!row) throw new Error("import job not created");
  return row.id;
}

// A job waiting for its first run, or one whose server stopped (its lease ran out).
const claimable = (now: number) => or(eq(importJobs.status, "queued"), and(eq(importJobs.status, "running"), or(isNull(importJobs.lockedUntil), lt(importJobs.lockedUntil, now))));

/**
 * Takes one job to run (`jobId`, or the oldest waiting): a queued one, or a running one whose server
 * stopped. Null when there is none.
 */
export async function claimImportJob(options: { jobId?: number; now?: number } = {}): Promise<ImportJob | null> {
  const now = options.now ?? Date.now();
  const [candidate] = await db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(
      and(
        options.jobId === undefined ? undefined : eq(importJobs.id, options.jobId),
        claimable(now),
      ),
    )
    .orderBy(importJobs.id)
    .limit(1);
  if (!candidate) return null;
  // Claimed in one statement: of two servers, one only gets it.
  const [claimed] = await db
    .update(importJobs)
    .set({ status: "running", lockedUntil: now + IMPORT_LEASE_MS })
    .where(
      and(
        eq(importJobs.id, candidate.id),
        claimable(now),
      ),
    )
    .returning();
  return claimed ?? null;
}

async function finishJob(jobId: number, outcome: { status: "done" | "failed"; problem?: ImportProblem }): Promise<void> {
  const [job] = await db.select({ report: importJobs.report, errorCount: importJobs.errorCount }).from(importJobs).where(eq(importJobs.id, jobId));
  await db
    .update(importJobs)
    .set({
      status: outcome.status,
      finishedAt: Date.now(),
      lockedUntil: null,
      ...(outcome.problem ? { report: [outcome.problem, ...(job?.report ?? [])], errorCount: (job?.errorCount ?? 0) + 1 } : {}),
    })
    .where(eq(importJobs.id, jobId));
}

export type JobRunOptions = {
  converter?: HtmlConverter;
  localizeImage?: ImageLocalizer;
  onProgress?: (progress: { itemsDone: number; itemsTotal: number }) => void;
  // Reading a Canalblog blog from the web: pause between two pages, private networks allowed (tests).
  canalblog?: { delayMs?: number; allowPrivate?: boolean };
};

type ImportOutcome = { postIds: number[] };

async function setItemsTotal(job: ImportJob, total: number): Promise<void> {
  if (job.itemsTotal === null) await db.update(importJobs).set({ itemsTotal: total }).where(eq(importJobs.id, job.id));
}

async function importFile(job: ImportJob, target: ImportTarget, options: JobRunOptions): Promise<ImportOutcome> {
  const summary = await surveyXmlFile(job.source);
  await setItemsTotal(job, summary.items);
  return importXmlFile(target, job.source, summary, {
    skip: job.itemsDone,
    onBatch: (itemsDone) => options.onProgress?.({ itemsDone, itemsTotal: summary.items }),
  });
}

async function importCanalblog(job: ImportJob, target: ImportTarget, options: JobRunOptions): Promise<ImportOutcome> {
  const source = openCanalblogSource(job.source, target.converter, options.canalblog);
  try {
    const survey = await source.survey();
    if (survey.articles.length === 0) throw new ImportSourceError("import.errors.noArticles");
    await setItemsTotal(job, survey.articles.length);
    return await importCanalblogArticles(target, source, survey, {
      skip: job.itemsDone,
      onBatch: (itemsDone) => options.onProgress?.({ itemsDone, itemsTotal: survey.articles.length }),
    });
  } finally {
    await source.close();
  }
}

/**
 * Runs a claimed job to its end: the source checked as a whole, then imported batch by batch from
 * where an earlier run stopped. Returns the ids of the posts written (for the caches to expire).
 */
export async function runImportJob(job: ImportJob, options: JobRunOptions = {}): Promise<{ status: "done" | "failed"; postIds: number[] }> {
  if (!job.userId) {
    await finishJob(job.id, { status: "failed", problem: { key: "import.errors.noImporter" } });
    return { status: "failed", postIds: [] };
  }
  const converter = options.converter ?? createHtmlConverter();
  const renew = setInterval(() => {
    void db.update(importJobs).set({ lockedUntil: Date.now() + IMPORT_LEASE_MS }).where(eq(importJobs.id, job.id));
  }, IMPORT_LEASE_MS / 3);
  renew.unref();
  try {
    const target: ImportTarget = { blogId: job.blogId, userId: job.userId, jobId: job.id, converter, localizeImage: options.localizeImage };
    const run = job.kind === "canalblog" ? await importCanalblog(job, target, options) : await importFile(job, target, options);
    await finishJob(job.id, { status: "done" });
    return { status: "done", postIds: run.postIds };
  } catch (error) {
    if (!(error instanceof ImportSourceError)) console.error("[import]", error);
    const problem = error instanceof ImportSourceError ? error.problem : { key: "import.errors.unexpected" };
    await finishJob(job.id, { status: "failed", problem });
    return { status: "failed", postIds: [] };
  } finally {
    clearInterval(renew);
    if (!options.converter) await converter.close();
  }
}

/** Removes the uploaded file of a finished job (a failed upload is not kept either). */
export async function removeImportFile(job: Pick<ImportJob, "source" | "kind">): Promise<void> {
  if (job.source.startsWith(importDirectory())) await rm(job.source, { force: true });
}

export type ImportJobView = Pick<ImportJob, "id" | "label" | "kind" | "status" | "itemsTotal" | "itemsDone" | "errorCount" | "report" | "createdAt" | "finishedAt">;

/** The latest imports of a blog, newest first, for its administration. */
export async function listImportJobs(blogId: number, limit = 10): Promise<ImportJobView[]> {
  return db
    .select({
      id: importJobs.id,
      label: importJobs.label,
      kind: importJobs.kind,
      status: importJobs.status,
      itemsTotal: importJobs.itemsTotal,
      itemsDone: importJobs.itemsDone,
      errorCount: importJobs.errorCount,
      report: importJobs.report,
      createdAt: importJobs.createdAt,
      finishedAt: importJobs.finishedAt,
    })
    .from(importJobs)
    .where(eq(importJobs.blogId, blogId))
    .orderBy(desc(importJobs.id))
    .limit(limit);
}

/** Whether a blog has an import under way (a second one waits for it). */
export async function hasActiveImport(blogId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(and(eq(importJobs.blogId, blogId), inArray(importJobs.status, ["queued", "running"])))
    .limit(1);
  return row !== undefined;
}

/** The cache tags an import touched: the blog's lists and every imported post's page and comments. */
export async function importedPageTags(jobId: number): Promise<string[]> {
  const [job] = await db.select({ blogId: importJobs.blogId }).from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) return [];
  const rows = await db
    .select({ postId: importedItems.localId })
    .from(importedItems)
    .where(and(eq(importedItems.blogId, job.blogId), eq(importedItems.entity, "post")));
  return [blogPostsTag(job.blogId), platformPostsTag(), ...rows.flatMap((row) => [postTag(row.postId), postCommentsTag(row.postId)])];
}
