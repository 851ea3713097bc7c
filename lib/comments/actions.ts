"use server";

import { updateTag } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { blogPostsTag, postCommentsTag } from "@/lib/cache-tags";
import { hashClient } from "@/lib/client-id";
import { fieldErrorsFrom, formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { issueFillToken } from "./defences";
import { applyModeration, MAX_BULK, MODERATION_OPERATIONS, replyAsMember } from "./moderation";
import { getCommentTarget } from "./queries";
import { queueTabFromSlug } from "./queue";
import { submitComment } from "./submit";
import { commentFieldsSchema, commentTargetSchema, memberReplySchema } from "./validation";

/** What the comment form keeps after a success: who wrote, so that a second comment is quicker. */
export type CommentFormExtra = { values: Record<string, string> };

/** A comment became public (or stopped being): its article page and the blog's listings (comment counts) change. */
function refreshPublicPages(blogId: number, postIds: number[]) {
  for (const postId of postIds) updateTag(postCommentsTag(postId));
  if (postIds.length > 0) updateTag(blogPostsTag(blogId));
}

/** A reader's comment or reply, from the form under an article (with or without JavaScript). */
export async function postComment(_: FormState<CommentFormExtra>, formData: FormData): Promise<FormResult<CommentFormExtra>> {
  const values = formValues(formData, ["name", "email", "website", "body"]);
  const hidden = commentTargetSchema.safeParse({
    postId: formData.get("postId"),
    parentId: formData.get("parentId") ?? "",
    token: formData.get("jeton") ?? "",
    trap: formData.get("url") ?? "",
  });
  const target = hidden.success ? await getCommentTarget(hidden.data.postId) : null;
  if (!hidden.success || !target) return formError(getTranslator("fr")("comments.noPost"), values);
  // Messages in the blog's language: the page the form sits on.
  const t = getTranslator(target.language);
  const parsed = commentFieldsSchema.safeParse(values);
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));

  const outcome = await submitComment(
    { postId: target.postId, parentId: hidden.data.parentId, token: hidden.data.token, trap: hidden.data.trap, fields: parsed.data },
    { clientHash: hashClient(await headers()), target },
  );
  if (!outcome.ok) {
    switch (outcome.problem) {
      case "duplicate":
        return formError(t("comments.duplicate"), values, { body: t("comments.duplicate") });
      case "flood":
        return formError(t("comments.flood"), values);
      case "no-parent":
        return formError(t("comments.noParent"), values);
      case "no-post":
        return formError(t("comments.noPost"), values);
    }
  }
  const kept = { name: values.name ?? "", email: values.email ?? "", website: values.website ?? "" };
  if (outcome.verdict.status === "approved") {
    refreshPublicPages(outcome.blogId, [outcome.postId]);
    return { ok: true, message: t("comments.published"), values: kept };
  }
  // Held and spam get the same answer: a robot learns nothing about which defence caught it.
  return { ok: true, message: t("comments.held"), values: kept };
}

/**
 * The fill token for a post's comment form, asked for by the form's script when the reader first
 * touches it: the server then knows how long the comment took to write, though the page is static.
 */
export async function issueCommentToken(postId: number): Promise<string> {
  const parsed = z.number().int().positive().safeParse(postId);
  return parsed.success ? issueFillToken(parsed.data) : "";
}

const moderationFormSchema = z.object({
  blog: z.string().regex(/^[a-z0-9-]{1,63}$/),
  operation: z.enum(MODERATION_OPERATIONS),
  ids: z.array(z.coerce.number().int().positive()).max(MAX_BULK),
  tab: z.string().max(20),
});

/** Approve, spam, trash, restore or delete one comment or a selection, from the moderation queue. */
export async function moderateComments(formData: FormData): Promise<void> {
  const blog = String(formData.get("blog") ?? "");
  const tab = queueTabFromSlug(formData.get("tab"));
  const back = `/admin/${encodeURIComponent(blog)}/commentaires?statut=${tab.slug}`;
  const user = await getSessionUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(back)}`);
  const parsed = moderationFormSchema.safeParse({ blog, operation: formData.get("operation"), ids: formData.getAll("ids"), tab: tab.slug });
  if (!parsed.success || parsed.data.ids.length === 0) redirect(`${back}&erreur=selection`);
  const outcome = await applyModeration({ userId: user.id, blogSlug: parsed.data.blog, commentIds: parsed.data.ids, operation: parsed.data.operation });
  // Not a member: back to the queue, which answers 403 to non-members (forbidden() here would come
  // out as a 404 for a form posted without JavaScript).
  if (!outcome.ok) redirect(outcome.problem === "owner-only" ? `${back}&erreur=proprietaire` : back);
  refreshPublicPages(outcome.blogId, outcome.postsWithVisibleChange);
  redirect(`${back}&fait=${parsed.data.operation}&nombre=${outcome.changed}`);
}

/**
 * A member's reply from the moderation queue: published at once, with the author badge. On success,
 * back to the queue with the outcome at the top: the comment answered may have left its tab.
 */
export async function replyFromQueue(_: FormState, formData: FormData): Promise<FormResult> {
  const t = getTranslator("fr");
  const values = formValues(formData, ["commentId", "body"]);
  const tab = queueTabFromSlug(formData.get("tab"));
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const parsed = memberReplySchema.safeParse(values);
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  const outcome = await replyAsMember({ userId: user.id, commentId: parsed.data.commentId, body: parsed.data.body });
  if (outcome.ok) {
    refreshPublicPages(outcome.blogId, [outcome.postId]);
    redirect(`/admin/${outcome.blogSlug}/commentaires?statut=${tab.slug}&fait=reponse${outcome.parentApproved ? "&approuve=1" : ""}`);
  }
  if (outcome.problem === "duplicate") {
    if (outcome.parentApproved) refreshPublicPages(outcome.blogId, [outcome.postId]);
    return formError(t("comments.queueReplyDuplicate"), values, { body: t("comments.queueReplyDuplicate") });
  }
  // Not a member and no such comment get the same answer: ids of other blogs reveal nothing.
  return formError(t("comments.queueReplyGone"), values);
}
