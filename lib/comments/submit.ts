import "server-only";
import { getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { platformUrl } from "@/lib/urls";
import { checkFillToken, COMMENT_DEFENCES, judgeComment, type CommentVerdict } from "./defences";
import { getAnswerableComment, getCommentTarget, hasApprovedComment, type CommentTarget } from "./queries";
import { storeComment } from "./mutations";
import type { CommentFields } from "./validation";

export type CommentSubmission = {
  postId: number;
  parentId: number | null;
  /** The fill token the form's script obtained ("" without JavaScript). */
  token: string;
  /** The hidden trap field: people leave it empty. */
  trap: string;
  fields: CommentFields;
};

export type SubmissionOutcome =
  | { ok: true; commentId: number; blogId: number; postId: number; verdict: CommentVerdict }
  | { ok: false; problem: "no-post" | "no-parent" | "duplicate" | "flood" };

const EXCERPT_LENGTH = 600;

/**
 * A reader's comment, judged by the defences and the blog's moderation mode, then stored once. A held
 * comment (pending) queues a notice to the blog's owner in the same transaction; spam does not.
 * `clientHash` is the salted hash of the sender's address (lib/client-id.ts), never the address.
 */
export async function submitComment(
  input: CommentSubmission,
  context: { clientHash: string; now?: number; target?: CommentTarget },
): Promise<SubmissionOutcome> {
  const now = context.now ?? Date.now();
  const target = context.target?.postId === input.postId ? context.target : await getCommentTarget(input.postId);
  if (!target) return { ok: false, problem: "no-post" };

  let threadId: number | null = null;
  if (input.parentId !== null) {
    const parent = await getAnswerableComment({ blogId: target.blogId, postId: target.postId, commentId: input.parentId });
    if (!parent) return { ok: false, problem: "no-parent" };
    threadId = parent.threadId;
  }

  const { floodLimit, rateLimit } = COMMENT_DEFENCES;
  if (!(await consumeRateLimit(`comment-flood:client:${context.clientHash}`, floodLimit.limit, floodLimit.windowMs, now))) {
    return { ok: false, problem: "flood" };
  }
  const withinRate = await consumeRateLimit(`comment:client:${context.clientHash}`, rateLimit.limit, rateLimit.windowMs, now);
  const { fields } = input;
  const verdict = judgeComment({
    trapFilled: input.trap.trim() !== "",
    fillToken: checkFillToken(input.token, target.postId, now),
    overRateLimit: !withinRate,
    body: fields.body,
    moderation: target.settings.moderation,
    knownCommenter: target.settings.moderation === "first-time" && (await hasApprovedComment({ blogId: target.blogId, email: fields.email })),
  });

  const t = getTranslator(target.language);
  const excerpt = fields.body.length > EXCERPT_LENGTH ? `${fields.body.slice(0, EXCERPT_LENGTH)}…` : fields.body;
  const notice =
    verdict.status === "pending" && target.ownerEmail
      ? {
          keyPrefix: "comment-held:",
          kind: "comment-held",
          blogId: target.blogId,
          to: target.ownerEmail,
          subject: t("comments.heldMailSubject", { post: target.postTitle }),
          text: t("comments.heldMailText", {
            author: fields.name,
            post: target.postTitle,
            excerpt,
            url: platformUrl(`/admin/${target.blogSlug}/commentaires`),
          }),
        }
      : undefined;

  const commentId = await storeComment(
    {
      blogId: target.blogId,
      postId: target.postId,
      parentId: threadId,
      authorName: fields.name,
      authorEmail: fields.email,
      authorUrl: fields.website === "" ? null : fields.website,
      authorUserId: null,
      body: fields.body,
      status: verdict.status,
      heldReason: verdict.reason,
      clientHash: context.clientHash,
      createdAt: now,
    },
    notice,
  );
  if (commentId === null) return { ok: false, problem: "duplicate" };
  return { ok: true, commentId, blogId: target.blogId, postId: target.postId, verdict };
}
