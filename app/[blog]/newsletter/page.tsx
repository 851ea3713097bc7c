import type { Metadata } from "next";
import { BlogShell } from "@/components/blog/blog-shell";
import { NewsletterSignupForm } from "@/components/newsletter/signup-form";
import { getTranslator } from "@/lib/i18n";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";
import { blogUrl } from "@/lib/urls";

type Props = { params: Promise<{ blog: string }> };

export const revalidate = 3600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  return { title: `${t("newsletter.pageTitle", { blog: blog.title })}`, alternates: { canonical: blogUrl(blog.slug, "/newsletter") } };
}

// "Suivre ce blog" when the blogger hid the sidebar's newsletter widget: the same signup, on its own page.
export default async function FollowBlogPage({ params }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  return (
    <BlogShell blog={blog}>
      <section aria-labelledby="abonnement-titre" id="abonnement" className="max-w-xl">
        <h1 id="abonnement-titre" className="mb-4 font-serif text-3xl font-bold">
          {t("newsletter.pageTitle", { blog: blog.title })}
        </h1>
        <p className="mb-6">{t("newsletter.pageIntro")}</p>
        <NewsletterSignupForm
          blogId={blog.id}
          idPrefix="abonnement"
          labels={{ email: t("sidebar.newsletterEmail"), submit: t("sidebar.newsletterSubmit"), pending: t("newsletter.submitPending") }}
        />
      </section>
    </BlogShell>
  );
}
