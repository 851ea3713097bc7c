import type { Language } from "@/lib/db/schema";

// The one place a language becomes an Intl locale: kept apart from the catalogues so that code running
// in the browser (file sizes in the editor) can format without loading them.
const INTL_LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-US" };

export function intlLocale(language: Language): string {
  return INTL_LOCALES[language];
}
