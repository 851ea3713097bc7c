import type { Metadata } from "next";
import { CreateBlogForm } from "@/components/blogs/create-blog-form";
import { getSessionUser } from "@/lib/auth/session";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { env } from "@/lib/env";
import { getTranslator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Créer mon blog", description: "Ouvrez votre blog sur Carnet en une minute." };

export default async function CreateBlogPage({ searchParams }: { searchParams: Promise<{ adresse?: string }> }) {
  const t = getTranslator("fr");
  const user = await getSessionUser();
  const suggested = (await searchParams).adresse ?? "";
  return (
    <section aria-labelledby="creer-titre" className="mx-auto max-w-2xl">
      <h1 id="creer-titre" className="mb-2 font-serif text-3xl font-bold">
        {t("createBlog.title")}
      </h1>
      <p className="mb-6 text-[var(--color-muted)]">{t("createBlog.intro")}</p>
      {user ? (
        <p className="mb-6 rounded bg-stone-100 p-3 text-sm">{t("createBlog.accountSignedIn", { email: user.email ?? "" })}</p>
      ) : (
        <p className="mb-6 text-sm">
          {t("createBlog.accountHaveOne")} <a href="/connexion?retour=/creer-mon-blog">{t("createBlog.accountSignIn")}</a>.
        </p>
      )}
      <CreateBlogForm
        signedIn={user !== null}
        initialSlug={isWellFormedBlogSlug(suggested) ? suggested : ""}
        labels={{
          accountLegend: t("createBlog.accountLegend"),
          blogLegend: t("createBlog.blogLegend"),
          name: t("auth.name"),
          email: t("auth.email"),
          password: t("auth.password"),
          passwordHint: t("auth.passwordHint"),
          blogTitle: t("createBlog.blogTitle"),
          slug: t("createBlog.slug"),
          slugHint: t("createBlog.slugHint", { example: `mon-blog.${env.ROOT_DOMAIN}` }),
          description: t("createBlog.description"),
          language: t("createBlog.language"),
          languageFr: t("createBlog.languageFr"),
          languageEn: t("createBlog.languageEn"),
          submit: t("createBlog.submit"),
          pending: t("createBlog.pending"),
          slugChecking: t("createBlog.slugChecking"),
        }}
      />
    </section>
  );
}
