// Runs once when the Node server starts: the outbox worker lives inside the server by default, and the
// Markdown render thread is started before the first save needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@/lib/background-jobs");
  startBackgroundJobs();
  const { warmMarkdownRenderer } = await import("@/lib/markdown/render");
  warmMarkdownRenderer();
}
