import { getTranslator } from "@/lib/i18n";

// Status 403: a signed-in person who is not a member of the blog they tried to administer.
export default function Forbidden() {
  const t = getTranslator("fr");
  return (
    <section aria-labelledby="refus-titre" className="mx-auto max-w-2xl">
      <h1 id="refus-titre" className="font-serif text-3xl font-bold">
        {t("admin.forbiddenTitle")}
      </h1>
      <p className="mt-4">{t("admin.forbiddenMessage")}</p>
      <p className="mt-4">
        <a href="/admin">{t("admin.forbiddenBack")}</a>
      </p>
    </section>
  );
}
