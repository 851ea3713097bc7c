import { TZDate } from "@date-fns/tz";
import { createTranslator } from "next-intl";
import type { Language } from "@/lib/db/schema";
import { intlLocale } from "./locales";
import enAdmin from "./messages/en/admin.json";
import enAudience from "./messages/en/audience.json";
import enAuth from "./messages/en/auth.json";
import enBlog from "./messages/en/blog.json";
import enComments from "./messages/en/comments.json";
import enCreateBlog from "./messages/en/create-blog.json";
import enEditor from "./messages/en/editor.json";
import enForms from "./messages/en/forms.json";
import enLeaving from "./messages/en/leaving.json";
import enLimits from "./messages/en/limits.json";
import enImport from "./messages/en/import.json";
import enMail from "./messages/en/mail.json";
import enNewsletter from "./messages/en/newsletter.json";
import enNotFound from "./messages/en/not-found.json";
import enOutbox from "./messages/en/outbox.json";
import enPlatformBar from "./messages/en/platform-bar.json";
import enSidebar from "./messages/en/sidebar.json";
import enSubscribers from "./messages/en/subscribers.json";
import frAdmin from "./messages/fr/admin.json";
import frAudience from "./messages/fr/audience.json";
import frAuth from "./messages/fr/auth.json";
import frBlog from "./messages/fr/blog.json";
import frComments from "./messages/fr/comments.json";
import frCreateBlog from "./messages/fr/create-blog.json";
import frEditor from "./messages/fr/editor.json";
import frForms from "./messages/fr/forms.json";
import frLeaving from "./messages/fr/leaving.json";
import frLimits from "./messages/fr/limits.json";
import frImport from "./messages/fr/import.json";
import frMail from "./messages/fr/mail.json";
import frNewsletter from "./messages/fr/newsletter.json";
import frNotFound from "./messages/fr/not-found.json";
import frOutbox from "./messages/fr/outbox.json";
import frPlatformBar from "./messages/fr/platform-bar.json";
import frSidebar from "./messages/fr/sidebar.json";
import frSubscribers from "./messages/fr/subscribers.json";

// One file per feature and language, so that features can grow their strings independently.
const fr = {
  platformBar: frPlatformBar,
  blog: frBlog,
  comments: frComments,
  sidebar: frSidebar,
  notFound: frNotFound,
  auth: frAuth,
  admin: frAdmin,
  newsletter: frNewsletter,
  audience: frAudience,
  mail: frMail,
  forms: frForms,
  createBlog: frCreateBlog,
  editor: frEditor,
  leaving: frLeaving,
  import: frImport,
  subscribers: frSubscribers,
  outbox: frOutbox,
  limits: frLimits,
};

const en: typeof fr = {
  platformBar: enPlatformBar,
  blog: enBlog,
  comments: enComments,
  sidebar: enSidebar,
  notFound: enNotFound,
  auth: enAuth,
  admin: enAdmin,
  newsletter: enNewsletter,
  audience: enAudience,
  mail: enMail,
  forms: enForms,
  createBlog: enCreateBlog,
  editor: enEditor,
  leaving: enLeaving,
  import: enImport,
  subscribers: enSubscribers,
  outbox: enOutbox,
  limits: enLimits,
};

// Reader pages are static: their language is the blog's, passed explicitly, never read from the request.
const catalogues: Record<Language, typeof fr> = { fr, en };

const createFor = (language: Language) => createTranslator({ locale: language, messages: catalogues[language] });

export type Translator = ReturnType<typeof createFor>;

// Translators and Intl formatters are costly to build and stateless once built: one per language (and
// time zone), shared by every render. A page of a blog formats dozens of dates and counts.
const translators: Partial<Record<Language, Translator>> = {};
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, create: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = create();
    formatters.set(key, found);
  }
  return found;
}

export function getTranslator(language: Language): Translator {
  return (translators[language] ??= createFor(language));
}

const INTL_LOCALES: Record<Language, string> = { fr: intlLocale("fr"), en: intlLocale("en") };

/** "24 juin 2012" / "June 24, 2012", the day as seen in the blog's time zone. */
export function formatLongDate(epochMs: number, language: Language, timeZone: string): string {
  return formatter(
    `long-date|${language}|${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_LOCALES[language], { day: "numeric", month: "long", year: "numeric", timeZone }),
  ).format(epochMs);
}

/** "24 juin 2012 à 14:32" / "June 24, 2012 at 2:32 PM", in the blog's time zone. */
export function formatDateTime(epochMs: number, language: Language, timeZone: string): string {
  return formatter(
    `date-time|${language}|${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_LOCALES[language], { dateStyle: "long", timeStyle: "short", timeZone }),
  ).format(epochMs);
}

/** "14:32" / "2:32 PM"; in the given time zone, or the reader's own when none is given (the browser). */
export function formatTime(epochMs: number, language: Language, timeZone?: string): string {
  return formatter(`time|${language}|${timeZone ?? ""}`, () => new Intl.DateTimeFormat(INTL_LOCALES[language], { timeStyle: "short", timeZone })).format(
    epochMs,
  );
}

/** "24 juin 2012" / "Jun 24, 2012", a calendar day given as "2012-06-24" (a day of the statistics). */
export function formatDay(day: string, language: Language): string {
  return formatter(
    `day|${language}`,
    () => new Intl.DateTimeFormat(INTL_LOCALES[language], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  ).format(Date.parse(day));
}

/** "juin 2012" / "June 2012", for archive months given as calendar numbers. */
export function formatMonth(year: number, month: number, language: Language): string {
  return formatter(`month|${language}`, () => new Intl.DateTimeFormat(INTL_LOCALES[language], { month: "long", year: "numeric", timeZone: "UTC" })).format(
    Date.UTC(year, month - 1, 1),
  );
}

/** "2 783 472" / "2,783,472". */
export function formatCount(value: number, language: Language): string {
  return formatter(`count|${language}`, () => new Intl.NumberFormat(INTL_LOCALES[language])).format(value);
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
