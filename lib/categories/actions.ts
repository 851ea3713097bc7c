"use server";

import { z } from "zod";
import { blogAction, type Done } from "@/lib/actions/pipeline";
import { blogPostsTag } from "@/lib/cache-tags";
import type { Translator } from "@/lib/i18n";
import { createCategory, deleteCategory, renameCategory, type CategoryOutcome } from "./mutations";

const id = z.coerce.number().int().positive();
const name = z.string().trim().min(1).max(60);

async function answer(outcome: CategoryOutcome, t: Translator, success: string): Done {
  // Category names show in listings, the sidebar and every post's byline of the blog.
  if (outcome.ok) return { ok: true, message: success, tags: [blogPostsTag(outcome.blogId)] };
  if (outcome.reason === "exists") return { ok: false, error: t("forms.fixErrors"), fieldErrors: { name: t("editor.categoryExists") } };
  if (outcome.reason === "invalid") return { ok: false, error: t("forms.fixErrors"), fieldErrors: { name: t("forms.invalid") } };
  return { ok: false, error: t("forms.notAllowed") };
}

// Any member may manage categories (authors file their posts in them).

export const createCategoryAction = blogAction({
  schema: z.object({ blogId: id, name }),
  keep: ["blogId", "name"],
  permission: "category.manage",
  run: async ({ input, user, t }) => answer(await createCategory({ userId: user.id, ...input }), t, t("editor.categorySaved")),
});

export const renameCategoryAction = blogAction({
  schema: z.object({ blogId: id, categoryId: id, name }),
  keep: ["blogId", "categoryId", "name"],
  permission: "category.manage",
  run: async ({ input, user, t }) => answer(await renameCategory({ userId: user.id, ...input }), t, t("editor.categorySaved")),
});

export const deleteCategoryAction = blogAction({
  schema: z.object({ blogId: id, categoryId: id }),
  keep: ["blogId", "categoryId"],
  permission: "category.manage",
  run: async ({ input, user, t }) => answer(await deleteCategory({ userId: user.id, ...input }), t, t("editor.categoryDeleted")),
});
