import { runInBackground } from "@/lib/db";
import { callInternalRoute } from "@/lib/internal-jobs";
import { createImageLocalizer } from "./images";
import { claimImportJob, removeImportFile, runImportJob } from "./jobs";

// The server's import worker: every few seconds it takes a waiting job (or one a stopped server left
// running) and runs it, one at a time per server; at the end, the blog's pages are expired through the
// server's own internal route (revalidation needs a request).

const POLL_INTERVAL_MS = 3_000;

/** Expires the pages of the blog a job imported into, through the running server. */
export async function expireImportedPages(jobId: number): Promise<void> {
  await callInternalRoute("import-done", `/api/internal/import-termine?job=${jobId}`);
}

export function startImportWorker(): { stop: () => void } {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      for (let job = await claimImportJob(); job; job = await claimImportJob()) {
        const claimed = job;
        const outcome = await runImportJob(claimed, { localizeImage: createImageLocalizer(claimed) });
        if (outcome.status === "done") await removeImportFile(claimed);
        await expireImportedPages(claimed.id).catch((error: unknown) => console.error("[import] pages not expired", error));
      }
    } catch (error) {
      console.error("[import]", error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void runInBackground(tick), POLL_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
