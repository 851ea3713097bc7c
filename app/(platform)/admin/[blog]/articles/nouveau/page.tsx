import type { Metadata } from "next";
import { editorLabels } from "@/components/admin/editor-labels";
import { PostEditor } from "@/components/admin/post-editor";
import { requireMemberBlog } from "@/lib/blogs/access";
import { listCategoriesForAdmin } from "@/lib/categories/queries";
import { listMediaForBlog } from "@/lib/media/queries";
import { getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

export const metadata: Metadata = { title: "Nouvel article", robots: { index: false } };

export default async function NewPostPage({ params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/articles/nouveau`);
  const t = getTranslator("fr");
  const [categories, media] = await Promise.all([listCategoriesForAdmin(blog.id), listMediaForBlog(blog.id, { limit: 60, offset: 0 })]);
  return (
    <section aria-labelledby="editeur-titre">
      <h1 id="editeur-titre" className="mb-6 font-serif text-3xl font-bold">
        {t("editor.editorTitleNew")}
      </h1>
      <PostEditor
        labels={editorLabels(blog.timeZone)}
        categories={categories.map((category) => category.name)}
        media={media}
        mediaOrigin={blogUrl(blog.slug, "")}
        language="fr"
        timeZone={blog.timeZone}
        autoExcerpt=""
        initial={{
          blogId: blog.id,
          blogSlug: blog.slug,
          status: "draft",
          title: "",
          slug: "",
          body: "",
          excerpt: "",
          category: "",
          tags: "",
          scheduledFor: "",
          coverMediaId: "",
          seoTitle: "",
          seoDescription: "",
          editVersion: 0,
          savedAt: 0,
        }}
      />
    </section>
  );
}
