import { runInBackground } from "@/lib/db";
import { isInternalJobRequest } from "@/lib/internal-jobs";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { expirePostPagesFromRoute } from "@/lib/posts/revalidate";
import { publishDuePosts } from "@/lib/posts/scheduler";

// Called every few seconds by the server's own timer (lib/background-jobs.ts): scheduled posts come out
// at their time without a redeploy, and their pages, lists and feeds are rebuilt.
export async function POST(request: Request) {
  if (!isInternalJobRequest(request, "publish-due")) return new Response(null, { status: 404 });
  const published = await runInBackground(() => publishDuePosts({ afterPublish: queuePostForSubscribers }));
  for (const post of published) expirePostPagesFromRoute({ ...post, public: true });
  return Response.json({ published: published.length });
}
