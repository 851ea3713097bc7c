// Runs once when the Node server starts: the outbox worker lives inside the server by default, and the
// shared Redis (REDIS_URL) is connected before the first reader is counted. The Markdown render pool
// starts its threads on the first save (lib/markdown/render.ts), not here: a reader-only instance
// never pays for them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@/lib/background-jobs");
  startBackgroundJobs();
  const { sharedRedis } = await import("@/lib/redis");
  sharedRedis();
}
