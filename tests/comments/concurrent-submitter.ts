// Run as a separate process by concurrency.test.ts: submits COUNT comments to POST_ID at once, from
// its own connections to the same database file, and prints the outcomes as JSON.
import { hashAddress } from "@/lib/client-id";
import { issueFillToken } from "@/lib/comments/defences";
import { submitComment } from "@/lib/comments/mutations";

const postId = Number(process.env.POST_ID);
const count = Number(process.env.COUNT);
const worker = process.env.WORKER ?? "0";

const outcomes = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    submitComment(
      {
        postId,
        parentId: null,
        token: issueFillToken(postId, Date.now() - 10_000),
        trap: "",
        fields: { name: `Processus ${worker}`, email: `processus-${worker}-${i}@example.org`, website: "", body: `Commentaire ${i} du processus ${worker}.` },
      },
      { clientHash: hashAddress(`10.${worker}.0.${i}`) },
    ).catch((error: unknown) => ({ ok: false as const, problem: String(error) })),
  ),
);
// Last line of the output (queued notices are printed before it when no SMTP server is set).
process.stdout.write(`\n${JSON.stringify(outcomes.map((outcome) => (outcome.ok ? "stored" : outcome.problem)))}\n`);
