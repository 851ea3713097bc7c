import { TZDate } from "@date-fns/tz";
import { createTranslator } from "next-intl";
import type { Language } from "@/lib/db/schema";
import en from "./messages/en.json";
import fr from "./messages/fr.json";

// Reader pages are static: their language is the blog's, passed explicitly, never read from the request.
const catalogues = { fr, en } satisfies Record<Language, typeof fr>;

export function getTranslator(language: Language) {
  return createTranslator({ locale: language, messages: catalogues[language] });
}

export type Translator = ReturnType<typeof getTranslator>;

const INTL_LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-US" };

/** "24 juin 2012" / "June 24, 2012", the day as seen in the blog's time zone. */
export function formatLongDate(epochMs: number, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(epochMs);
}

/** "juin 2012" / "June 2012", for archive months given as calendar numbers. */
export function formatMonth(year: number, month: number, language: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[language], { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(year, month - 1, 1),
  );
}

/** "2 783 472" / "2,783,472". */
export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(INTL_LOCALES[language]).format(value);
}

/** Calendar parts of an instant in a time zone: what a reader of the blog sees on the post. */
export function zonedDateParts(epochMs: number, timeZone: string): { year: number; month: number; day: number } {
  const date = new TZDate(epochMs, timeZone);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** Start (inclusive) and end (exclusive) instants of a calendar month in a time zone. */
export function zonedMonthRange(year: number, month: number, timeZone: string): { start: number; end: number } {
  return {
    start: new TZDate(year, month - 1, 1, timeZone).getTime(),
    end: new TZDate(year, month, 1, timeZone).getTime(),
  };
}
