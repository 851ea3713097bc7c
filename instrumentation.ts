// Runs once when the Node server starts: the outbox worker lives inside the server by default.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@/lib/background-jobs");
  startBackgroundJobs();
}
