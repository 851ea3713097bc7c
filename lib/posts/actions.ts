"use server";

import { z } from "zod";
import { blogAction, type Done } from "@/lib/actions/pipeline";
import type { FormResult } from "@/lib/forms";
import type { Translator } from "@/lib/i18n";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { EDITOR_INTENTS, deletePost, parseLocalDateTime, postInputSchema, renderRefusalKey, restoreRevision, savePost } from "./mutations";
import { getPostRef, getRevisionRef } from "./queries";
import { postChangeTags } from "./revalidate";

const FIELDS = ["title", "slug", "body", "excerpt", "category", "tags", "scheduledFor", "coverMediaId", "blogId", "postId"] as const;

type EditorExtra = { values: Record<string, string>; previewHtml?: string };
export type EditorResult = FormResult<EditorExtra>;
export type EditorState = EditorResult | null;

/** 200 000 characters of text, up to four bytes each, and the other fields. */
const EDITOR_MAX_BYTES = 900 * 1024;
/** Previews per member and minute: the live preview asks after each pause in typing. */
const PREVIEW_LIMIT = { name: "preview", limit: 60, windowMs: 60_000 };

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((value) => (value === "" ? undefined : value), id.optional());

const formatScheduledDate = (local: string, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone }).format(parseLocalDateTime(local, timeZone) ?? 0);

const translateKey = (key: string, translate: Translator) => (/^[a-z]+\.[a-zA-Z]+$/.test(key) ? translate(key as Parameters<Translator>[0]) : key);

/** The post named by the form, of the blog named by the form; a new post is the blog's. */
const editedPost = async (input: { postId?: number }, member: { id: number }) =>
  input.postId === undefined ? { blogId: member.id, authorId: null } : getPostRef({ blogId: member.id, postId: input.postId });

/** The editor's one action: preview, save as draft, publish, schedule or unpublish (the button pressed says which). */
export const saveEditorPost = blogAction({
  schema: postInputSchema.extend({ blogId: id, postId: optionalId, intent: z.enum([...EDITOR_INTENTS, "preview"]).default("draft") }),
  maxBytes: EDITOR_MAX_BYTES,
  keep: FIELDS,
  permission: (input) => (input.intent === "preview" ? "post.preview" : input.postId === undefined ? "post.create" : "post.edit"),
  resource: editedPost,
  refusal: "editor.notAllowed",
  rateLimit: (input) => (input.intent === "preview" ? PREVIEW_LIMIT : undefined),
  run: async ({ input, user, member, t, values }): Done<EditorExtra> => {
    if (input.intent === "preview") {
      const rendered = await renderMarkdownSafely(input.body);
      if (!rendered.ok) return { ok: false, error: t(renderRefusalKey(rendered.reason)), fieldErrors: { body: t(renderRefusalKey(rendered.reason)) } };
      return { ok: true, values, previewHtml: rendered.html };
    }
    const { intent } = input;
    // A post going public is mailed to the blog's confirmed subscribers, queued in the same transaction.
    let newsletterHeld: string | undefined;
    const outcome = await savePost({
      userId: user.id,
      blogId: member.id,
      postId: input.postId,
      data: input,
      intent,
      afterPublish: (tx, post) => queuePostForSubscribers(tx, { ...post, onHeld: (why) => (newsletterHeld = why) }),
    });
    if (!outcome.ok) {
      if (outcome.reason !== "invalid") return { ok: false, error: t("editor.notAllowed") };
      const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, key]) => [field, translateKey(key, t)]));
      // The text the renderer refused: its own message says what to do.
      return { ok: false, error: fieldErrors.body ?? t("forms.fixErrors"), fieldErrors };
    }
    const tags = postChangeTags({ blogId: outcome.blogId, postId: outcome.postId, public: outcome.status === "published" || outcome.wasPublic });
    if (outcome.created && !newsletterHeld) return { ok: true, values, tags, redirectTo: `/admin/${member.slug}/articles/${outcome.postId}?enregistre=${intent}` };
    const message =
      intent === "publish"
        ? outcome.becamePublic
          ? t("editor.savedPublished")
          : t("editor.savedUpdated")
        : intent === "schedule"
          ? t("editor.savedScheduled", { date: formatScheduledDate(input.scheduledFor, member.timeZone) })
          : intent === "unpublish"
            ? t("editor.savedUnpublished")
            : outcome.status === "published"
              ? t("editor.savedUpdated")
              : t("editor.savedDraft");
    // Published but not mailed: the blogger must know, here, why the subscribers got nothing.
    return { ok: true, message: newsletterHeld ? `${message} ${newsletterHeld}` : message, values: { ...values, postId: String(outcome.postId) }, tags };
  },
});

/** The live preview: the same renderer as the public page, for members of the blog only, or why it refused the text. */
export const previewMarkdown = blogAction({
  schema: z.object({ blogId: id, markdown: postInputSchema.shape.body }),
  maxBytes: EDITOR_MAX_BYTES,
  permission: "post.preview",
  rateLimit: PREVIEW_LIMIT,
  run: async ({ input, t }): Done<{ html: string }> => {
    const rendered = await renderMarkdownSafely(input.markdown);
    return rendered.ok ? { ok: true, html: rendered.html } : { ok: false, error: t(renderRefusalKey(rendered.reason)) };
  },
});

export const deleteEditorPost = blogAction({
  schema: z.object({ postId: id, blogSlug: z.string().max(63) }),
  blog: (input) => ({ slug: input.blogSlug }),
  resource: (input, member) => getPostRef({ blogId: member.id, postId: input.postId }),
  permission: "post.edit",
  refusal: "editor.notAllowed",
  run: async ({ input, user, member, t }): Done => {
    const deleted = await deletePost({ userId: user.id, postId: input.postId });
    if (!deleted) return { ok: false, error: t("editor.notAllowed") };
    return { ok: true, tags: postChangeTags({ blogId: deleted.blogId, postId: input.postId, public: deleted.wasPublic }), redirectTo: `/admin/${member.slug}/articles?supprime=1` };
  },
});

export const restorePostRevision = blogAction({
  schema: z.object({ revisionId: id }),
  blog: async (input) => {
    const revision = await getRevisionRef(input.revisionId);
    return revision ? { id: revision.blogId } : null;
  },
  resource: async (input, member) => {
    const revision = await getRevisionRef(input.revisionId);
    return revision && revision.blogId === member.id ? getPostRef({ blogId: member.id, postId: revision.postId }) : null;
  },
  permission: "post.edit",
  refusal: "editor.notAllowed",
  run: async ({ input, user, t }): Done => {
    const restored = await restoreRevision({ userId: user.id, revisionId: input.revisionId });
    if (!restored.ok) return { ok: false, error: restored.reason === "forbidden" ? t("editor.notAllowed") : t(renderRefusalKey(restored.reason)) };
    return { ok: true, message: t("editor.revisionRestored"), tags: postChangeTags({ blogId: restored.blogId, postId: restored.postId, public: restored.isPublic }) };
  },
});
