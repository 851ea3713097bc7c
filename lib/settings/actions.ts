"use server";

import { updateTag } from "next/cache";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { formError, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { saveBlogSettings } from "./mutations";
import { settingsFormValues } from "./schema";

const t = getTranslator("fr");

export async function saveSettingsAction(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  const values = settingsFormValues(formData);
  if (!user) return formError(t("forms.sessionExpired"), values);
  const blogId = z.coerce.number().int().positive().safeParse(formData.get("blogId"));
  if (!blogId.success) return formError(t("forms.notAllowed"), values);
  const result = await saveBlogSettings({ userId: user.id, blogId: blogId.data, formData });
  if (!result.ok) return result;
  for (const tag of result.tags) updateTag(tag);
  return { ok: true, message: result.message };
}
