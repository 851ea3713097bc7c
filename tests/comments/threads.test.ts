import type { ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { beforeAll, describe, expect, it } from "vitest";
import { hashAddress } from "@/lib/client-id";
import { commentThreadsHtml } from "@/lib/comments/html";
import { applyModeration, submitComment } from "@/lib/comments/mutations";
import { listApprovedComments } from "@/lib/comments/queries";
import { getTranslator } from "@/lib/i18n";
import { createBlog, createUser, submission } from "./fixtures";

// Brigitte's blog publishes comments at once. A thread's first comment is withdrawn after it was
// answered: the readers still answer what is left of it, and must read their answer there.

let blog: Awaited<ReturnType<typeof createBlog>>;
let client = 0;

async function comment(name: string, body: string, parentId: number | null = null): Promise<number> {
  const email = `${name.normalize("NFD").replace(/[^a-z]/gi, "").toLowerCase()}@example.org`;
  const outcome = await submitComment(submission(blog.postId, { name, email, body }, { parentId }), {
    clientHash: hashAddress(`203.0.113.${++client}`),
  });
  if (!outcome.ok || outcome.verdict.status !== "approved") throw new Error(`not published: ${JSON.stringify(outcome)}`);
  return outcome.commentId;
}

/** The comments' ids as the article shows them: each thread's first comment, then its replies. */
async function threadsOnThePage(): Promise<number[][]> {
  const shown = await listApprovedComments({ blogId: blog.blogId, postId: blog.postId });
  const markup = commentThreadsHtml(shown, "/archives/2026/12/01/premier-billet", { language: "fr", timeZone: "Europe/Paris", t: getTranslator("fr") });
  const articleIds = (node: ElementContent): number[] =>
    node.type !== "element"
      ? []
      : [...(node.tagName === "article" ? [Number(String(node.properties.id).replace("commentaire-", ""))] : []), ...node.children.flatMap(articleIds)];
  return fromHtml(markup, { fragment: true }).children.flatMap((item) => (item.type === "element" ? [articleIds(item)] : []));
}

beforeAll(async () => {
  const owner = await createUser("Brigitte Ouverte", "brigitte@example.org");
  blog = await createBlog({ slug: "carnet-de-brigitte", ownerId: owner, moderation: "none" });
});

describe("a thread whose first comment was withdrawn", () => {
  it("goes on under its first reply still shown, where a reader's answer to any of its replies is read", async () => {
    const first = await comment("Armand", "Je ne suis pas d'accord avec la conclusion du billet.");
    const reply = await comment("Berthe", "Pourtant les chiffres de l'enquête vont dans ce sens.", first);
    await applyModeration({ blogId: blog.blogId, commentIds: [first], operation: "trash" });

    const answer = await comment("Céleste", "Berthe, pourriez-vous donner la source de ces chiffres ?", reply);
    const other = await comment("Denis", "Un avis à part, sur un autre point du billet.");

    expect(await threadsOnThePage()).toEqual([[reply, answer], [other]]);
  });
});
