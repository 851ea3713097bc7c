import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireMemberBlog } from "@/lib/blogs/access";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { getTranslator } from "@/lib/i18n";
import { saveSettingsAction } from "@/lib/settings/actions";
import { listTimeZones, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from "@/lib/settings/schema";

type Props = { params: Promise<{ blog: string }> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "admin.settingsTitle");
}

export default async function SettingsPage({ params }: Props) {
  const { blog: slug } = await params;
  const { blog } = await requireMemberBlog(slug, `/admin/${slug}/reglages`, "settings.edit");
  const t = getTranslator(blog.language);
  const timeZones = listTimeZones();
  return (
    <section aria-labelledby="reglages-titre" className="max-w-2xl space-y-6">
      <header>
        <h1 id="reglages-titre" className="font-serif text-3xl font-bold">
          {t("admin.settingsTitle")}
        </h1>
        <p className="text-[var(--color-muted)]">{t("admin.settingsIntro")}</p>
      </header>
      <div className="rounded-lg bg-white p-6 shadow-sm">
        <SettingsForm
          action={saveSettingsAction}
          blogId={blog.id}
          saved={{
            title: blog.title,
            description: blog.description,
            language: blog.language,
            timeZone: blog.timeZone,
            accentColor: blog.settings.accentColor,
            sidebarWidgets: blog.settings.sidebarWidgets,
            moderation: blog.settings.moderation,
          }}
          timeZones={timeZones.includes(blog.timeZone) ? timeZones : [blog.timeZone, ...timeZones]}
          languages={[
            { value: "fr", label: t("admin.settingsLanguageFr") },
            { value: "en", label: t("admin.settingsLanguageEn") },
          ]}
          widgets={[
            { value: "newsletter", label: t("admin.settingsWidgetNewsletter") },
            { value: "visitors", label: t("admin.settingsWidgetVisitors") },
            { value: "archives", label: t("admin.settingsWidgetArchives") },
            { value: "categories", label: t("admin.settingsWidgetCategories") },
            { value: "search", label: t("admin.settingsWidgetSearch") },
          ]}
          moderationModes={[
            { value: "all", label: t("admin.settingsModerationAll") },
            { value: "first-time", label: t("admin.settingsModerationFirstTime") },
            { value: "none", label: t("admin.settingsModerationNone") },
          ]}
          maxLengths={{ title: MAX_TITLE_LENGTH, description: MAX_DESCRIPTION_LENGTH }}
          labels={{
            title: t("admin.settingsBlogTitle"),
            description: t("admin.settingsDescription"),
            descriptionHint: t("admin.settingsDescriptionHint"),
            language: t("admin.settingsLanguage"),
            languageHint: t("admin.settingsLanguageHint"),
            timeZone: t("admin.settingsTimeZone"),
            timeZoneHint: t("admin.settingsTimeZoneHint"),
            accent: t("admin.settingsAccentColor"),
            accentHint: t("admin.settingsAccentHint"),
            widgets: t("admin.settingsWidgets"),
            moderation: t("admin.settingsModeration"),
            submit: t("admin.settingsSubmit"),
            pending: t("admin.settingsPending"),
          }}
        />
      </div>
      <div className="rounded-lg bg-white p-6 shadow-sm">
        <h2 className="mb-2 font-serif text-xl font-bold">{t("leaving.exportTitle")}</h2>
        <p className="mb-2">{t("leaving.exportIntro")}</p>
        <a href={`/admin/${blog.slug}/exporter`}>{t("leaving.exportTitle")}</a>
      </div>
      <div className="rounded-lg border border-red-800 bg-white p-6 shadow-sm">
        <h2 className="mb-2 font-serif text-xl font-bold text-red-800">{t("leaving.dangerTitle")}</h2>
        <p className="mb-2">{t("leaving.dangerIntro")}</p>
        <a href={`/admin/${blog.slug}/supprimer`} className="font-semibold text-red-800">
          {t("leaving.dangerLink")}
        </a>
      </div>
    </section>
  );
}
