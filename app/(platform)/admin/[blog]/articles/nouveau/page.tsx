import type { Metadata } from "next";
import { editorLabels } from "@/components/admin/editor-labels";
import { PostEditor } from "@/components/admin/post-editor";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { listCategoriesForAdmin } from "@/lib/categories/queries";
import { listMediaForBlog } from "@/lib/media/queries";
import { getTranslator } from "@/lib/i18n";
import { blogUrl } from "@/lib/urls";

export function generateMetadata({ params }: { params: Promise<{ blog: string }> }): Promise<Metadata> {
  return adminMetadata(params, "editor.editorTitleNew");
}

export default async function NewPostPage({ params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/articles/nouveau`);
  const t = getTranslator(blog.language);
  const [categories, media] = await Promise.all([listCategoriesForAdmin(blog.id), listMediaForBlog(blog.id, { limit: 60, offset: 0 })]);
  return (
    <section aria-labelledby="editeur-titre">
      <h1 id="editeur-titre" className="mb-6 font-serif text-3xl font-bold">
        {t("editor.editorTitleNew")}
      </h1>
      <PostEditor
        labels={editorLabels(blog.language, blog.timeZone)}
        categories={categories.map((category) => category.name)}
        media={media}
        mediaOrigin={blogUrl(blog.slug, "")}
        language={blog.language}
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
