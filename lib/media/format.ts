import type { Language } from "@/lib/db/schema";
import { intlLocale } from "@/lib/i18n/locales";

/** Where a medium is served, on its blog's own host (app/[blog]/medias/[key]). */
export const mediaPath = (storageKey: string) => `/medias/${storageKey}`;

/** "850 ko", "1,2 Mo" (or "850 kB", "1.2 MB"): file sizes as people read them. */
export function formatByteSize(bytes: number, language: Language): string {
  const [unitKb, unitMb] = language === "fr" ? ["ko", "Mo"] : ["kB", "MB"];
  const locale = intlLocale(language);
  if (bytes < 1000 * 1000) return `${new Intl.NumberFormat(locale).format(Math.max(1, Math.round(bytes / 1000)))} ${unitKb}`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1000 * 1000))} ${unitMb}`;
}

/** "JPEG", "PNG", "WebP", "GIF". */
export function formatImageType(mimeType: string): string {
  const name = mimeType.replace(/^image\//, "");
  return name === "webp" ? "WebP" : name.toUpperCase();
}

/** `![alt](/medias/key)`, the alt text escaped so that it cannot end the Markdown early. */
export function markdownImage(medium: { alt: string; url: string }): string {
  const alt = medium.alt.replace(/\s+/g, " ").replace(/[\\[\]]/g, "\\$&");
  return `![${alt}](${medium.url})`;
}
