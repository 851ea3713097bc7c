import { runInBackground } from "@/lib/db";
import { isAuthorizedJobRequest } from "@/lib/internal-jobs";
import { isJobName } from "@/lib/jobs/names";
import { runJob } from "@/lib/jobs/run";
import { expirePostPagesFromRoute } from "@/lib/posts/revalidate";

// POST /api/cron/<job> (GET too: Vercel Cron calls with GET), with `Authorization: Bearer <CRON_SECRET>`:
// runs one of Carnet's periodic jobs once, for hosts with a cron service and no long-lived process.
// The server's own timers and `npm run worker` come through here too for the jobs that expire pages.
export const dynamic = "force-dynamic";

async function run(request: Request, { params }: { params: Promise<{ job: string }> }) {
  const job = (await params).job;
  if (!isJobName(job)) return new Response(null, { status: 404 });
  if (!isAuthorizedJobRequest(request, job)) return new Response(null, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  const result = await runInBackground(() => runJob(job, { expirePostPages: expirePostPagesFromRoute }));
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}

export { run as GET, run as POST };
