import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator } from "@/lib/i18n";
import { categoryPath } from "@/lib/posts/paths";
import { readerMetadata } from "@/lib/seo/metadata";
import { readCategory } from "./cached-reads";
import { loadBlogOrNotFound } from "./blog-page";

/** The blog and category of a category page, or a 404. */
export async function loadCategoryOrNotFound(params: { blog: string; category: string }) {
  const blog = await loadBlogOrNotFound(params.blog);
  if (!/^[a-z0-9-]{1,80}$/.test(params.category)) notFound();
  const category = await readCategory({ blogId: blog.id, slug: params.category });
  if (!category) notFound();
  return { blog, category };
}

export async function categoryMetadata(params: { blog: string; category: string }): Promise<Metadata> {
  const { blog, category } = await loadCategoryOrNotFound(params);
  const t = getTranslator(blog.language);
  return readerMetadata({
    blog,
    path: categoryPath(category.slug),
    title: `${t("blog.categoryTitle", { category: category.name })} — ${blog.title}`,
    description: t("blog.categoryDescription", { blog: blog.title, category: category.name }),
  });
}
