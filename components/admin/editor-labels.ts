import type { EditorLabels } from "@/components/admin/post-editor";
import type { Language } from "@/lib/db/schema";
import { getTranslator } from "@/lib/i18n";

/** The editor's strings, in the blog's language like the rest of its administration. */
export function editorLabels(language: Language, timeZone: string): EditorLabels {
  const t = getTranslator(language);
  const keys = [
    "title", "slug", "slugHint", "body", "bodyHint", "excerpt", "excerptHint", "category", "categoryHint", "tags", "tagsHint", "cover",
    "coverNone", "saveDraft", "publish", "update", "schedule", "unpublish", "preview", "previewTitle", "previewEmpty", "saving",
    "unsavedWarning", "toolbarLabel", "toolBold", "toolItalic", "toolHeading", "toolLink", "toolList", "toolQuote", "toolImage",
    "insertMedia", "insert", "confirmMailingSubmit", "confirmMailingLaterSubmit", "confirmCancel", "overwriteSubmit", "conflictTakeOther",
    "conflictKeepMine", "autosaving", "offline", "localRestore", "localDismiss", "upload", "uploading", "uploadOffline",
    "dropHint", "imageDialogTitle", "imageAlt", "imageUrl", "linkDialogTitle", "linkText", "linkUrl", "dialogInsert", "dialogCancel", "linkInvalid",
    "seoSection", "seoTitle", "seoTitleHint", "seoDescription", "seoDescriptionHint",
  ] as const;
  // Labels the browser fills in (a time, a count) are handed over as written, placeholders and all.
  const templates = ["conflictAutosave", "autosaved", "autosavedPending", "localFound", "wordCount"] as const;
  const labels = Object.fromEntries([
    ...keys.map((key) => [key, t(`editor.${key}`)]),
    ...templates.map((key) => [key, String(t.raw(`editor.${key}`))]),
  ]) as Omit<EditorLabels, "scheduledFor">;
  return { ...labels, scheduledFor: t("editor.scheduledFor", { timeZone }) };
}
