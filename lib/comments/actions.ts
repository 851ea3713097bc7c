"use server";

import { z } from "zod";
import { blogAction, languageOfFormBlog, publicAction, type Done, type Refusal } from "@/lib/actions/pipeline";
import { blogPostsTag, postCommentsTag } from "@/lib/cache-tags";
import { issueFillToken } from "./defences";
import { applyModeration, replyAsMember, submitComment } from "./mutations";
import { getCommentBlogId, getCommentTarget, getModeratedComment } from "./queries";
import { confirmReplySubscription, unsubscribeFromReplies } from "./reply-subscriptions";
import { MAX_BULK, MODERATION_OPERATIONS, moderationPermission, queueTabFromSlug } from "./queue";
import { commentFieldsSchema, memberReplySchema } from "./validation";

// Every action of comments goes through lib/actions/pipeline.ts: publicAction for readers (identified
// by their client's salted address hash), blogAction for the members who moderate and answer.

/** What the comment form keeps after a success: who wrote, so that a second comment is quicker. */
export type CommentFormExtra = { values: Record<string, string> };

/** A comment became public (or stopped being): its article page and the blog's listings (comment counts) change. */
const publicPagesOf = (blogId: number, postIds: number[]) => (postIds.length > 0 ? [...postIds.map(postCommentsTag), blogPostsTag(blogId)] : []);

const postIdOf = (raw: unknown) => (raw instanceof FormData ? Number(raw.get("postId")) : Number.NaN);

/** A reader's comment or reply, from the form under an article (with or without JavaScript). */
export const postComment = publicAction({
  schema: commentFieldsSchema.extend({
    // A forged or missing hidden field is « no such post » (or « no such comment »), not a field to fix.
    postId: z.coerce.number().int().positive().catch(0),
    parentId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null).catch(-1),
    jeton: z.string().max(200).default(""),
    url: z.string().max(5000).default(""),
    prevenir: z.string().max(10).optional(),
  }),
  keep: ["name", "email", "website", "body"],
  // Messages in the blog's language: the page the form sits on.
  language: async (raw) => {
    const postId = postIdOf(raw);
    return (Number.isSafeInteger(postId) && postId > 0 ? (await getCommentTarget(postId))?.language : undefined) ?? "fr";
  },
  run: async ({ input, client, t, values }): Done<CommentFormExtra> => {
    const target = input.postId > 0 ? await getCommentTarget(input.postId) : null;
    if (!target) return { ok: false, error: t("comments.noPost") };
    const { postId, parentId, jeton, url, prevenir, ...fields } = input;
    const outcome = await submitComment({ postId, parentId, token: jeton, trap: url, fields, notifyReplies: prevenir === "oui" }, { clientHash: client, target });
    if (!outcome.ok) {
      switch (outcome.problem) {
        case "duplicate":
          return { ok: false, error: t("comments.duplicate"), fieldErrors: { body: t("comments.duplicate") } };
        case "flood":
          return { ok: false, error: t("comments.flood") };
        case "no-parent":
          return { ok: false, error: t("comments.noParent") };
        case "no-post":
          return { ok: false, error: t("comments.noPost") };
      }
    }
    const kept = { name: values.name ?? "", email: values.email ?? "", website: values.website ?? "" };
    if (outcome.verdict.status === "approved") {
      return { ok: true, message: t("comments.published"), values: kept, tags: publicPagesOf(outcome.blogId, [outcome.postId]) };
    }
    // Held and spam get the same answer: a robot learns nothing about which defence caught it.
    return { ok: true, message: t("comments.held"), values: kept };
  },
});

/**
 * The fill token for a post's comment form, asked for by the form's script when the reader first
 * touches it: the server then knows how long the comment took to write, though the page is static.
 */
export const issueCommentToken = publicAction({
  schema: z.number().int().positive(),
  run: async ({ input }): Done<{ token: string }> => ({ ok: true, token: issueFillToken(input) }),
});

const moderationSchema = z.object({
  blog: z.string().regex(/^[a-z0-9-]{1,63}$/),
  operation: z.enum(MODERATION_OPERATIONS),
  ids: z.preprocess((value) => [value ?? []].flat(), z.array(z.coerce.number().int().positive()).min(1).max(MAX_BULK)),
  tab: z.string().max(20).optional(),
});

/** The queue's tab the form was posted from, whatever else the form holds. */
function queueOf(raw: unknown): string {
  const form = raw instanceof FormData ? raw : null;
  const blog = String(form?.get("blog") ?? "");
  return `/admin/${encodeURIComponent(blog)}/commentaires?statut=${queueTabFromSlug(form?.get("tab")).slug}`;
}

function moderationRefused(refusal: Refusal, raw: unknown): string {
  const back = queueOf(raw);
  switch (refusal.code) {
    case "session":
      return `/connexion?retour=${encodeURIComponent(back)}`;
    case "invalid":
      return `${back}&erreur=selection`;
    case "forbidden":
      return `${back}&erreur=proprietaire`;
    default:
      // Not a member: back to the queue, which answers 403 to non-members (forbidden() here would come
      // out as a 404 for a form posted without JavaScript).
      return back;
  }
}

/** Approve, spam, trash, restore or delete (owners) one comment or a selection, from the moderation queue. */
export const moderateCommentsAction = blogAction({
  schema: moderationSchema,
  blog: (input) => ({ slug: input.blog }),
  permission: (input) => moderationPermission(input.operation),
  redirectOnRefusal: moderationRefused,
  run: async ({ input, member }): Done => {
    const outcome = await applyModeration({ blogId: member.id, commentIds: input.ids, operation: input.operation });
    return {
      ok: true,
      tags: publicPagesOf(outcome.blogId, outcome.postsWithVisibleChange),
      redirectTo: `/admin/${member.slug}/commentaires?statut=${queueTabFromSlug(input.tab).slug}&fait=${input.operation}&nombre=${outcome.changed}`,
    };
  },
});

/** The moderation queue's forms are plain forms: every outcome is a redirect to the queue, which says how it went. */
export async function moderateComments(form: FormData): Promise<void> {
  await moderateCommentsAction(form);
}

/**
 * A member's reply from the moderation queue: published at once, with the author badge. On success,
 * back to the queue with the outcome at the top: the comment answered may have left its tab.
 */
export const replyFromQueue = blogAction({
  schema: memberReplySchema.extend({ tab: z.string().max(20).optional() }),
  keep: ["commentId", "body"],
  blog: async (input) => {
    const blogId = await getCommentBlogId(input.commentId);
    return blogId === null ? null : { id: blogId };
  },
  resource: (input, member) => getModeratedComment({ blogId: member.id, commentId: input.commentId }),
  permission: "comment.reply",
  // Not a member and no such comment get the same answer: ids of other blogs reveal nothing.
  refusal: "comments.queueReplyGone",
  run: async ({ input, user, member, t }): Done => {
    const outcome = await replyAsMember({ blogId: member.id, userId: user.id, commentId: input.commentId, body: input.body });
    if (outcome.ok) {
      const tab = queueTabFromSlug(input.tab).slug;
      return {
        ok: true,
        tags: publicPagesOf(outcome.blogId, [outcome.postId]),
        redirectTo: `/admin/${member.slug}/commentaires?statut=${tab}&fait=reponse${outcome.parentApproved ? "&approuve=1" : ""}`,
      };
    }
    if (outcome.problem === "duplicate") {
      const tags = outcome.parentApproved ? publicPagesOf(outcome.blogId, [outcome.postId]) : [];
      return { ok: false, error: t("comments.queueReplyDuplicate"), fieldErrors: { body: t("comments.queueReplyDuplicate") }, tags };
    }
    return { ok: false, error: t("comments.queueReplyGone") };
  },
});

/** A reader's link form names its blog in a hidden field; a forged one makes the token invalid, nothing else. */
const replyLinkSchema = z.object({ blogId: z.coerce.number().int().positive().catch(0), jeton: z.string().max(500).default("") });

/** The button of the page a « Me prévenir des réponses » confirmation mail leads to. */
export const confirmReplySubscriptionAction = publicAction({
  schema: replyLinkSchema,
  language: languageOfFormBlog,
  run: async ({ input, t }): Done => {
    switch (await confirmReplySubscription({ blogId: input.blogId, token: input.jeton })) {
      case "confirmed":
        return { ok: true, message: t("comments.repliesConfirmed") };
      case "already":
        return { ok: true, message: t("comments.repliesAlreadyConfirmed") };
      case "invalid":
        return { ok: false, error: t("comments.repliesConfirmInvalid") };
    }
  },
});

/** The button of the page a reply notice's « Ne plus être prévenu » leads to. */
export const unsubscribeFromRepliesAction = publicAction({
  schema: replyLinkSchema,
  language: languageOfFormBlog,
  run: async ({ input, t }): Done => {
    switch (await unsubscribeFromReplies({ blogId: input.blogId, token: input.jeton })) {
      case "unsubscribed":
        return { ok: true, message: t("comments.repliesStopped") };
      case "already":
        return { ok: true, message: t("comments.repliesAlreadyStopped") };
      case "invalid":
        return { ok: false, error: t("comments.repliesStopInvalid") };
    }
  },
});
