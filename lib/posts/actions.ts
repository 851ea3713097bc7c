"use server";

import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getMemberBlog } from "@/lib/blogs/access";
import { formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator, type Translator } from "@/lib/i18n";
import { renderMarkdown } from "@/lib/markdown/render";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { EDITOR_INTENTS, deletePost, parseLocalDateTime, postInputSchema, restoreRevision, savePost, type EditorIntent } from "./mutations";
import { expirePostPagesNow } from "./revalidate";

const t = getTranslator("fr");
const FIELDS = ["title", "slug", "body", "excerpt", "category", "tags", "scheduledFor", "coverMediaId", "blogId", "postId"] as const;

export type EditorResult = FormResult<{ values: Record<string, string>; previewHtml?: string }>;
export type EditorState = EditorResult | null;

const formatScheduledDate = (local: string, timeZone: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone }).format(parseLocalDateTime(local, timeZone) ?? 0);

const translateKey = (key: string, translate: Translator) => (/^[a-z]+\.[a-zA-Z]+$/.test(key) ? translate(key as Parameters<Translator>[0]) : key);

/** The editor's one action: preview, save as draft, publish, schedule or unpublish (the button pressed says which). */
export async function saveEditorPost(_: EditorState, formData: FormData): Promise<EditorResult> {
  const values = formValues(formData, FIELDS);
  const intent = String(formData.get("intent") ?? "draft");
  if (intent === "preview") return { ok: true, values, previewHtml: renderMarkdown(values.body ?? "") };
  if (!EDITOR_INTENTS.includes(intent as EditorIntent)) return formError(t("forms.invalid"), values);

  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const parsed = postInputSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      fieldErrors[field] ??= issue.code === "too_small" ? t("forms.required") : issue.code === "too_big" ? t("forms.tooLong", { max: Number(issue.maximum) }) : translateKey(issue.message, t);
    }
    return formError(t("forms.fixErrors"), values, fieldErrors);
  }
  const blogId = Number(values.blogId);
  const postId = values.postId ? Number(values.postId) : undefined;
  if (!Number.isSafeInteger(blogId) || (postId !== undefined && !Number.isSafeInteger(postId))) return formError(t("editor.notAllowed"), values);

  // A post going public is mailed to the blog's confirmed subscribers, queued in the same transaction.
  const outcome = await savePost({ userId: user.id, blogId, postId, data: parsed.data, intent: intent as EditorIntent, afterPublish: queuePostForSubscribers });
  if (!outcome.ok) {
    if (outcome.reason === "invalid") {
      const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([field, key]) => [field, translateKey(key, t)]));
      return formError(t("forms.fixErrors"), values, fieldErrors);
    }
    return formError(t("editor.notAllowed"), values);
  }
  expirePostPagesNow({ blogId: outcome.blogId, postId: outcome.postId, public: outcome.status === "published" || outcome.wasPublic });

  const blog = await getMemberBlog({ userId: user.id, blogId: outcome.blogId });
  if (outcome.created && blog) redirect(`/admin/${blog.slug}/articles/${outcome.postId}?enregistre=${intent}`);
  const message =
    intent === "publish"
      ? outcome.becamePublic
        ? t("editor.savedPublished")
        : t("editor.savedUpdated")
      : intent === "schedule"
        ? t("editor.savedScheduled", { date: formatScheduledDate(values.scheduledFor ?? "", blog?.timeZone ?? "Europe/Paris") })
        : intent === "unpublish"
          ? t("editor.savedUnpublished")
          : outcome.status === "published"
            ? t("editor.savedUpdated")
            : t("editor.savedDraft");
  return { ok: true, message, values: { ...values, postId: String(outcome.postId) } };
}

/** The live preview: the same renderer as the public page. */
export async function previewMarkdown(markdown: string): Promise<string> {
  if (!(await getSessionUser())) return "";
  return renderMarkdown(String(markdown).slice(0, 200_000));
}

export async function deleteEditorPost(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const postId = Number(formData.get("postId"));
  const blogSlug = String(formData.get("blogSlug") ?? "");
  const deleted = Number.isSafeInteger(postId) ? await deletePost({ userId: user.id, postId }) : null;
  if (!deleted) return formError(t("editor.notAllowed"), {});
  expirePostPagesNow({ blogId: deleted.blogId, postId, public: deleted.wasPublic });
  redirect(`/admin/${encodeURIComponent(blogSlug)}/articles?supprime=1`);
}

export async function restorePostRevision(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const revisionId = Number(formData.get("revisionId"));
  const restored = Number.isSafeInteger(revisionId) ? await restoreRevision({ userId: user.id, revisionId }) : null;
  if (!restored) return formError(t("editor.notAllowed"), {});
  expirePostPagesNow({ blogId: restored.blogId, postId: restored.postId, public: restored.isPublic });
  return { ok: true, message: t("editor.revisionRestored") };
}
