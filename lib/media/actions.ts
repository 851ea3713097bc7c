"use server";

import { refresh, updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { deleteMedia, updateMediaAlt } from "./mutations";

const t = getTranslator("fr");
const idsSchema = z.object({ blogId: z.coerce.number().int().positive(), mediaId: z.coerce.number().int().positive() });

export async function updateMediaAltAction(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["alt"]);
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), values);
  const ids = idsSchema.safeParse(Object.fromEntries(formData));
  if (!ids.success) return formError(t("admin.mediaNotFound"), values);
  const result = await updateMediaAlt({ userId: user.id, ...ids.data, alt: formData.get("alt") });
  if (!result.ok) return result;
  for (const tag of result.tags) updateTag(tag);
  // The library shows the new text too.
  refresh();
  return { ok: true, message: result.message };
}

export async function deleteMediaAction(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(t("forms.sessionExpired"), {});
  const ids = idsSchema.safeParse(Object.fromEntries(formData));
  if (!ids.success) return formError(t("admin.mediaNotFound"), {});
  const result = await deleteMedia({ userId: user.id, ...ids.data });
  if (!result.ok) return result;
  for (const tag of result.tags) updateTag(tag);
  redirect(`/admin/${result.blogSlug}/medias?supprime=1`);
}
