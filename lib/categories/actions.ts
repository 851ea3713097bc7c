"use server";

import { updateTag } from "next/cache";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { blogPostsTag } from "@/lib/cache-tags";
import { fieldErrorsFrom, formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { createCategory, deleteCategory, renameCategory, type CategoryOutcome } from "./mutations";

const t = getTranslator("fr");
const schema = z.object({ blogId: z.coerce.number().int().positive(), categoryId: z.coerce.number().int().positive().optional(), name: z.string().trim().min(1).max(60) });

function answer(outcome: CategoryOutcome, values: Record<string, string>, success: string): FormResult {
  if (outcome.ok) {
    // Category names show in listings, the sidebar and every post's byline of the blog.
    updateTag(blogPostsTag(outcome.blogId));
    return { ok: true, message: success };
  }
  if (outcome.reason === "exists") return formError(t("forms.fixErrors"), values, { name: t("editor.categoryExists") });
  if (outcome.reason === "invalid") return formError(t("forms.fixErrors"), values, { name: t("forms.invalid") });
  return formError(t("forms.notAllowed"), values);
}

export async function createCategoryAction(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["blogId", "name"]);
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const parsed = schema.safeParse(values);
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));
  return answer(await createCategory({ userId: user.id, blogId: parsed.data.blogId, name: parsed.data.name }), values, t("editor.categorySaved"));
}

export async function renameCategoryAction(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["blogId", "categoryId", "name"]);
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const parsed = schema.safeParse(values);
  if (!parsed.success || !parsed.data.categoryId) return formError(t("forms.fixErrors"), values, parsed.success ? {} : fieldErrorsFrom(parsed.error, t));
  return answer(await renameCategory({ userId: user.id, blogId: parsed.data.blogId, categoryId: parsed.data.categoryId, name: parsed.data.name }), values, t("editor.categorySaved"));
}

export async function deleteCategoryAction(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["blogId", "categoryId"]);
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const parsed = schema.omit({ name: true }).safeParse(values);
  if (!parsed.success || !parsed.data.categoryId) return formError(t("forms.invalid"), values);
  return answer(await deleteCategory({ userId: user.id, blogId: parsed.data.blogId, categoryId: parsed.data.categoryId }), values, t("editor.categoryDeleted"));
}
