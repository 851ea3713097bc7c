import "server-only";
import { eq, sql } from "drizzle-orm";
import { asMember, getMemberBlog } from "@/lib/blogs/access";
import { blogSlugTag, platformPostsTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { fieldErrorsFrom, formError, type FormResult } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { can } from "@/lib/permissions";
import { settingsFormInput, settingsFormValues, settingsSchema, type SubmittedFields } from "./schema";

/**
 * Saves a blog's settings for its owner. Only the parsed fields are written; the other keys of the
 * settings JSON (newsletter, feed options) are left as they are, even if changed meanwhile.
 * Returns the cache tags the change touched. Refusals speak the blog's language; the confirmation speaks
 * the language just chosen, which the page around it speaks from then on.
 */
export async function saveBlogSettings(input: { userId: string; blogId: number; formData: SubmittedFields }): Promise<FormResult<{ tags: string[] }>> {
  const values = settingsFormValues(input.formData);
  const member = await getMemberBlog({ userId: input.userId, blogId: input.blogId });
  if (!member || !can(asMember(member, input.userId), "settings.edit")) return formError(getTranslator("fr")("forms.notAllowed"), values);
  const t = getTranslator(member.language);
  const parsed = settingsSchema(member.timeZone).safeParse(settingsFormInput(input.formData));
  if (!parsed.success) return formError(t("forms.fixErrors"), values, fieldErrorsFrom(parsed.error, t));

  const settings = parsed.data;
  await db
    .update(blogs)
    .set({
      title: settings.title,
      description: settings.description,
      language: settings.language,
      timeZone: settings.timeZone,
      settings: sql`json_set(${blogs.settings}, '$.accentColor', ${settings.accentColor}, '$.sidebarWidgets', json(${JSON.stringify(settings.sidebarWidgets)}), '$.moderation', ${settings.moderation})`,
    })
    .where(eq(blogs.id, member.id));

  // Every reader page of the blog reads its record (title, language, colour, widgets) under its slug tag;
  // the platform's home lists recent posts with their blog's title.
  const tags = [blogSlugTag(member.slug)];
  if (settings.title !== member.title) tags.push(platformPostsTag());
  return { ok: true, message: getTranslator(settings.language)("admin.settingsSaved"), tags };
}
