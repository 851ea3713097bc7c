import { runInBackground } from "@/lib/db";
import { importedPageTags } from "@/lib/import/jobs";
import { isInternalRequest } from "@/lib/internal-jobs";
import { revalidateTag } from "next/cache";

// Called by the server's import worker (lib/import/worker.ts) when a job ends: the blog's lists, the
// imported posts' pages and comments are rebuilt on their next request.
export async function POST(request: Request) {
  if (!isInternalRequest(request, "import-done")) return new Response(null, { status: 404 });
  const jobId = Number(new URL(request.url).searchParams.get("job"));
  if (!Number.isSafeInteger(jobId)) return new Response(null, { status: 400 });
  const tags = await runInBackground(() => importedPageTags(jobId));
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  return Response.json({ expired: tags.length });
}
