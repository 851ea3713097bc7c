"use server";

import { z } from "zod";
import { blogAction, type Done } from "@/lib/actions/pipeline";
import type { FormResult } from "@/lib/forms";
import { formatDateTime, type Translator } from "@/lib/i18n";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";
import {
  EDITOR_INTENTS,
  autosavePost,
  closePreviewLink,
  deletePost,
  discardPendingRevision,
  openPreviewLink,
  parseLocalDateTime,
  postInputSchema,
  renderRefusalKey,
  restoreRevision,
  savePost,
} from "./mutations";
import { newLinkToken } from "@/lib/link-tokens";
import { getPostRef, getRevisionRef, isPostMailed } from "./queries";
import { postChangeTags } from "./revalidate";

const FIELDS = ["title", "slug", "body", "excerpt", "category", "tags", "scheduledFor", "coverMediaId", "seoTitle", "seoDescription", "blogId", "postId", "baseVersion", "intent"] as const;

type EditorExtra = { values: Record<string, string>; previewHtml?: string };
export type EditorResult = FormResult<EditorExtra>;
export type EditorState = EditorResult | null;

/** 200 000 characters of text, up to four bytes each, and the other fields. */
const EDITOR_MAX_BYTES = 900 * 1024;
/** Previews per member and minute: the live preview asks after each pause in typing. */
const PREVIEW_LIMIT = { name: "preview", limit: 60, windowMs: 60_000 };

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((value) => (value === "" ? undefined : value), id.optional());

const formatScheduledDate = (local: string, timeZone: string) => formatDateTime(parseLocalDateTime(local, timeZone) ?? 0, "fr", timeZone);
/** Autosaves per member and minute: one after each pause in typing, in a tab or two. */
const AUTOSAVE_LIMIT = { name: "autosave", limit: 120, windowMs: 60_000 };
const yes = z.preprocess((value) => value === "1" || value === true, z.boolean()).default(false);

const translateKey = (key: string, translate: Translator) => (/^[a-z]+\.[a-zA-Z]+$/.test(key) ? translate(key as Parameters<Translator>[0]) : key);

/** The post named by the form, of the blog named by the form; a new post is the blog's. */
const editedPost = async (input: { postId?: number }, member: { id: number }) =>
  input.postId === undefined ? { blogId: member.id, authorId: null } : getPostRef({ blogId: member.id, postId: input.postId });

/** The editor's one action: preview, save as draft, publish, schedule or unpublish (the button pressed says which). */
export const saveEditorPost = blogAction({
  schema: postInputSchema.extend({
    blogId: id,
    postId: optionalId,
    intent: z.enum([...EDITOR_INTENTS, "preview"]).default("draft"),
    // The second press of the confirmation steps: « send it to N subscribers », « replace the other version ».
    confirmMailing: yes,
    overwrite: yes,
  }),
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
    // Publishing (now or later) a post never mailed yet sends it to every confirmed subscriber: asked once.
    if ((intent === "publish" || intent === "schedule") && !input.confirmMailing && input.body.trim() !== "") {
      const subscribers = input.postId !== undefined && (await isPostMailed({ blogId: member.id, postId: input.postId })) ? 0 : await countConfirmedSubscribers(member.id);
      if (subscribers > 0) return { ok: false, code: "confirm-mailing", error: t(intent === "publish" ? "editor.confirmMailing" : "editor.confirmMailingLater", { count: subscribers }) };
    }
    // A post going public is mailed to the blog's confirmed subscribers, queued in the same transaction.
    let newsletterHeld: string | undefined;
    const data = input.overwrite ? { ...input, baseVersion: undefined } : input;
    const outcome = await savePost({
      userId: user.id,
      blogId: member.id,
      postId: input.postId,
      data,
      intent,
      afterPublish: (tx, post) => queuePostForSubscribers(tx, { ...post, onHeld: (why) => (newsletterHeld = why) }),
    });
    if (!outcome.ok) {
      if (outcome.reason === "conflict") return { ok: false, code: "conflict", error: t("editor.conflictSave") };
      if (outcome.reason !== "invalid") return { ok: false, error: t("editor.notAllowed") };
      const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, key]) => [field, translateKey(key, t)]));
      // The text the renderer refused: its own message says what to do.
      return { ok: false, error: fieldErrors.body ?? t("forms.fixErrors"), fieldErrors };
    }
    const tags = postChangeTags({ blogId: outcome.blogId, postId: outcome.postId, public: outcome.status === "published" || outcome.wasPublic });
    // A new post, or one whose state changed, opens afresh: its buttons and links follow its new state.
    if ((outcome.created || outcome.statusChanged) && !newsletterHeld) return { ok: true, values, tags, redirectTo: `/admin/${member.slug}/articles/${outcome.postId}?enregistre=${intent}` };
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
    return {
      ok: true,
      message: newsletterHeld ? `${message} ${newsletterHeld}` : message,
      values: { ...values, postId: String(outcome.postId), baseVersion: String(outcome.editVersion) },
      tags,
    };
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

type AutosaveExtra = {
  postId?: number;
  editVersion?: number;
  savedAt?: number;
  /** Saved aside (a published or scheduled post): readers still see the public text. */
  pending?: boolean;
  /** Another tab or member saved since: nothing was written, here is their version. */
  conflict?: { title: string; body: string; editVersion: number; savedAt: number };
};
export type AutosaveResult = FormResult<AutosaveExtra>;

/**
 * The editor's autosave: a draft keeps its text (a new post becomes a draft), a published or scheduled
 * post keeps it aside as a pending revision. Never publishes, never mails, never touches a reader page.
 */
export const autosaveEditorPost = blogAction({
  schema: z.object({
    blogId: id,
    postId: optionalId,
    baseVersion: z.coerce.number().int().min(0).default(0),
    title: z.string().trim().max(200),
    body: postInputSchema.shape.body,
  }),
  maxBytes: EDITOR_MAX_BYTES,
  permission: (input) => (input.postId === undefined ? "post.create" : "post.edit"),
  resource: editedPost,
  refusal: "editor.notAllowed",
  rateLimit: AUTOSAVE_LIMIT,
  run: async ({ input, user, member, t }): Done<AutosaveExtra> => {
    const outcome = await autosavePost({ userId: user.id, blogId: member.id, postId: input.postId, title: input.title, body: input.body, baseVersion: input.baseVersion });
    if (outcome.ok) return { ok: true, postId: outcome.postId, editVersion: outcome.editVersion, savedAt: outcome.savedAt, pending: outcome.pending };
    if (outcome.reason === "conflict") return { ok: true, conflict: outcome.other };
    return { ok: false, code: "not-found", error: t("editor.notAllowed") };
  },
});

/** « Abandonner ces modifications »: a published post's pending revision is dropped, the public text stays. */
export const discardEditorPending = blogAction({
  schema: z.object({ blogId: id, postId: id }),
  resource: (input, member) => getPostRef({ blogId: member.id, postId: input.postId }),
  permission: "post.edit",
  refusal: "editor.notAllowed",
  run: async ({ input, member, t }): Done => {
    await discardPendingRevision({ blogId: member.id, postId: input.postId });
    return { ok: true, message: t("editor.pendingDiscarded"), redirectTo: `/admin/${member.slug}/articles/${input.postId}` };
  },
});

/** New preview links per member and minute: each one is a write, and nobody needs more. */
const PREVIEW_LINK_LIMIT = { name: "preview-link", limit: 30, windowMs: 60_000 };
const previewLinkSchema = z.object({ blogId: id, postId: id });

/**
 * « Créer un lien d'aperçu »: a draft or scheduled post gets an unguessable address on its blog's host
 * that shows it to whoever has the link, signed in or not (a new link replaces the old one). The editor's
 * page is rendered again with the link; no reader page changes, so no cache tag is touched.
 */
export const createPreviewLink = blogAction({
  schema: previewLinkSchema,
  resource: (input, member) => getPostRef({ blogId: member.id, postId: input.postId }),
  permission: "post.share",
  refusal: "editor.notAllowed",
  rateLimit: PREVIEW_LINK_LIMIT,
  run: async ({ input, member, t }): Done => {
    const token = await openPreviewLink({ blogId: member.id, postId: input.postId, token: newLinkToken() });
    if (!token) return { ok: false, error: t("editor.previewLinkPublished") };
    return { ok: true, message: t("editor.previewLinkCreated"), refresh: true };
  },
});

/** « Révoquer le lien »: the preview link answers 404 from now on. */
export const revokePreviewLink = blogAction({
  schema: previewLinkSchema,
  resource: (input, member) => getPostRef({ blogId: member.id, postId: input.postId }),
  permission: "post.share",
  refusal: "editor.notAllowed",
  run: async ({ input, member, t }): Done => {
    await closePreviewLink({ blogId: member.id, postId: input.postId });
    return { ok: true, message: t("editor.previewLinkRevoked"), refresh: true };
  },
});
