import { PlatformBar } from "@/components/platform/platform-bar";
import { getTranslator } from "@/lib/i18n";

// Rendered with status 404 for an unknown blog, post, month, category or page of a blog.
export default function BlogNotFound() {
  const t = getTranslator("fr");
  return (
    <>
      <PlatformBar t={t} />
      <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
        <h1 className="font-serif text-3xl font-bold">{t("notFound.title")}</h1>
        <p className="mt-4">{t("notFound.message")}</p>
        <p className="mt-4">
          <a href="/">{t("notFound.backToBlog")}</a>
        </p>
      </main>
    </>
  );
}
