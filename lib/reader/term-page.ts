import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { PublicBlog } from "@/lib/blogs/queries";
import { getTranslator, type Translator } from "@/lib/i18n";
import { categoryPath, tagPath } from "@/lib/posts/paths";
import { readerMetadata } from "@/lib/seo/metadata";
import { readCategory, readTag } from "./cached-reads";
import { loadBlogOrNotFound } from "./blog-page";

// A category and a tag each have a listing of the blog's posts under their own address, with its pages,
// its feeds and its <head>: one term, two kinds.

export type TermKind = "category" | "tag";
export type Term = { kind: TermKind; id: number; slug: string; name: string };

/** "/categorie/numerique", "/tag/vae": the term's listing, its pages and feeds below it. */
export function termPath(term: { kind: TermKind; slug: string }): string {
  return term.kind === "category" ? categoryPath(term.slug) : tagPath(term.slug);
}

/** The title of a term's feeds: "Formation Continue du Supérieur — Numérique". */
export function termFeedTitle(term: Pick<Term, "kind" | "name">, blog: Pick<PublicBlog, "title">, t: Translator): string {
  return term.kind === "category"
    ? t("audience.feedCategoryTitle", { blog: blog.title, category: term.name })
    : t("audience.feedTagTitle", { blog: blog.title, tag: term.name });
}

/** A category of the blog, or a tag one of its published posts carries, by its slug; null otherwise. */
export async function readTerm(kind: TermKind, input: { blogId: number; slug: string }): Promise<Term | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(input.slug)) return null;
  const found = kind === "category" ? await readCategory(input) : await readTag(input);
  return found ? { kind, ...found } : null;
}

/** A term's page's route parameters: app/[blog]/categorie/[category]/…, app/[blog]/tag/[tag]/… */
export type TermParams<K extends TermKind> = { blog: string } & Record<K, string>;

/** The blog and term of a category's or a tag's page, or a 404. */
export async function loadTermOrNotFound<K extends TermKind>(kind: K, params: TermParams<K>) {
  const blog = await loadBlogOrNotFound(params.blog);
  const term = await readTerm(kind, { blogId: blog.id, slug: params[kind] });
  if (!term) notFound();
  return { blog, term };
}

export async function termMetadata<K extends TermKind>(kind: K, params: TermParams<K>): Promise<Metadata> {
  const { blog, term } = await loadTermOrNotFound(kind, params);
  const t = getTranslator(blog.language);
  const description =
    kind === "category"
      ? t("blog.categoryDescription", { blog: blog.title, category: term.name })
      : t("blog.tagDescription", { blog: blog.title, tag: term.name });
  return readerMetadata({ blog, path: termPath(term), title: `${termHeading(term, t)} — ${blog.title}`, description });
}

/** The heading of a term's listing: "Catégorie : Numérique", "Mot-clé : VAE". */
export function termHeading(term: Pick<Term, "kind" | "name">, t: Translator): string {
  return term.kind === "category" ? t("blog.categoryTitle", { category: term.name }) : t("blog.tagTitle", { tag: term.name });
}
