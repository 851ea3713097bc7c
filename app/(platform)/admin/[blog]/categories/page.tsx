import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { ActionForm } from "@/components/forms/action-form";
import { DANGER_BUTTON } from "@/components/ui/danger";
import { requireMemberBlog } from "@/lib/blogs/access";
import { createCategoryAction, deleteCategoryAction, renameCategoryAction } from "@/lib/categories/actions";
import { listCategoriesForAdmin } from "@/lib/categories/queries";
import { getTranslator } from "@/lib/i18n";

export function generateMetadata({ params }: { params: Promise<{ blog: string }> }): Promise<Metadata> {
  return adminMetadata(params, "editor.categoriesTitle");
}

export default async function CategoriesPage({ params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/categories`);
  const t = getTranslator(blog.language);
  const list = await listCategoriesForAdmin(blog.id);
  return (
    <section aria-labelledby="categories-titre" className="max-w-3xl">
      <h1 id="categories-titre" className="mb-6 font-serif text-3xl font-bold">
        {t("editor.categoriesTitle")}
      </h1>
      <ActionForm
        action={createCategoryAction}
        hidden={{ blogId: String(blog.id) }}
        fields={[{ name: "name", label: t("editor.categoryName"), required: true, maxLength: 60 }]}
        submitLabel={t("editor.categoryCreate")}
        pendingLabel={t("editor.saving")}
        className="mb-8 space-y-3 rounded-lg bg-white p-4 shadow-sm"
      />
      <ul className="space-y-4">
        {list.map((category) => (
          <li key={category.id} className="rounded-lg bg-white p-4 shadow-sm">
            <p className="mb-2 text-sm text-[var(--color-muted)]">{t("editor.categoryPosts", { count: category.postCount })}</p>
            <ActionForm
              action={renameCategoryAction}
              hidden={{ blogId: String(blog.id), categoryId: String(category.id) }}
              fields={[{ name: "name", label: t("editor.categoryName"), required: true, maxLength: 60, defaultValue: category.name }]}
              submitLabel={t("editor.categoryRename")}
              pendingLabel={t("editor.saving")}
              className="space-y-2"
            />
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-semibold text-red-800">{`${t("editor.categoryDelete")} « ${category.name} »…`}</summary>
              <div className="mt-2 space-y-2 rounded border border-red-200 bg-red-50 p-3">
                <p className="text-sm">{t("editor.categoryDeleteHint")}</p>
                <ActionForm
                  action={deleteCategoryAction}
                  hidden={{ blogId: String(blog.id), categoryId: String(category.id) }}
                  fields={[]}
                  submitLabel={t("editor.categoryDeleteConfirm", { name: category.name })}
                  pendingLabel={t("editor.saving")}
                  submitClassName={DANGER_BUTTON}
                  className="space-y-2"
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
