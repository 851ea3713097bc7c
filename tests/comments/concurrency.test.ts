import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { hashAddress } from "@/lib/client-id";
import { issueFillToken } from "@/lib/comments/defences";
import { submitComment } from "@/lib/comments/mutations";
import { db } from "@/lib/db";
import { comments, emailOutbox } from "@/lib/db/schema";
import { createBlog, createUser } from "./fixtures";

const run = promisify(execFile);
let blog: Awaited<ReturnType<typeof createBlog>>;

beforeAll(async () => {
  const owner = await createUser("Foule", "foule@example.org");
  blog = await createBlog({ slug: "carnet-de-la-foule", ownerId: owner });
});

async function bodiesOn(postId: number) {
  const rows = await db.select({ body: comments.body, id: comments.id }).from(comments).where(eq(comments.postId, postId));
  return rows.map((row) => row.body);
}

describe("a hundred comments at once", () => {
  it("are all stored exactly once when they arrive together in one server", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        submitComment(
          {
            postId: blog.postId,
            parentId: null,
            token: issueFillToken(blog.postId, Date.now() - 10_000),
            trap: "",
            fields: { name: `Lecteur ${i}`, email: `lecteur-${i}@example.org`, website: "", body: `Réaction numéro ${i}.` },
          },
          { clientHash: hashAddress(`198.18.0.${i}`) },
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(100);
    const bodies = await bodiesOn(blog.postId);
    expect(bodies).toHaveLength(100);
    expect(new Set(bodies).size).toBe(100);
    // Every one of them was a first-time commenter: one notice each, none lost, none doubled.
    const notices = await db.select({ key: emailOutbox.key }).from(emailOutbox).where(eq(emailOutbox.blogId, blog.blogId));
    expect(notices).toHaveLength(100);
  });

  it("are all stored exactly once when four processes write to the database file at the same time", { timeout: 60_000 }, async () => {
    const outputs = await Promise.all(
      [1, 2, 3, 4].map((worker) =>
        run(process.execPath, ["--import", "./tests/helpers/allow-server-only.mjs", "--import", "tsx", "tests/comments/concurrent-submitter.ts"], {
          env: { ...process.env, POST_ID: String(blog.otherPostId), COUNT: "25", WORKER: String(worker) },
        }),
      ),
    );
    const outcomes = outputs.flatMap((output) => JSON.parse(output.stdout.trim().split("\n").at(-1) ?? "[]") as string[]);
    expect(outcomes).toEqual(Array.from({ length: 100 }, () => "stored"));
    const bodies = await bodiesOn(blog.otherPostId);
    expect(bodies).toHaveLength(100);
    for (const worker of [1, 2, 3, 4]) {
      for (let i = 0; i < 25; i++) expect(bodies.filter((body) => body === `Commentaire ${i} du processus ${worker}.`)).toHaveLength(1);
    }
  });
});
