"use server";

import { z } from "zod";
import { blogAction, type Done } from "@/lib/actions/pipeline";
import { saveBlogSettings } from "./mutations";
import { SETTINGS_TEXT_FIELDS, submittedFields } from "./schema";

// The settings page's one action, through lib/actions/pipeline.ts (owners: settings.edit). The fields are
// checked by the blog's own schema (its current time zone stays acceptable) once the member is known.

export const saveSettingsAction = blogAction({
  schema: z.looseObject({ blogId: z.coerce.number().int().positive() }),
  keep: SETTINGS_TEXT_FIELDS,
  permission: "settings.edit",
  run: async ({ input, user, member }): Done => {
    const result = await saveBlogSettings({ userId: user.id, blogId: member.id, formData: submittedFields(input) });
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values: result.values };
    return { ok: true, message: result.message, tags: result.tags };
  },
});
