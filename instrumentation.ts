// Runs once when the Node server starts: the outbox worker lives inside the server by default, the
// Markdown render thread is started before the first save needs it, and the shared Redis (REDIS_URL) is
// connected before the first reader is counted.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@/lib/background-jobs");
  startBackgroundJobs();
  const { warmMarkdownRenderer } = await import("@/lib/markdown/render");
  warmMarkdownRenderer();
  const { sharedRedis } = await import("@/lib/redis");
  sharedRedis();
}
