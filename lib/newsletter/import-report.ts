import { describeLimit, limitReachedMessage } from "@/lib/abuse/limits";
import type { Language } from "@/lib/db/schema";
import { formatCount, getTranslator, type Translator } from "@/lib/i18n";
import { MAX_IMPORT_BYTES, type ImportOutcome } from "./mutations";
import { MAX_IMPORT_ROWS } from "./csv";

// What the subscribers page says after an import, in the blog's language.

type Problem = Extract<ImportOutcome, { ok: false }>["problem"];

/** The message of an import refused before anything was added. */
export function importProblem(problem: Exclude<Problem, "daily-limit">, language: Language = "fr"): string {
  const t = getTranslator(language);
  switch (problem) {
    case "forbidden":
      return t("newsletter.importForbidden");
    case "no-consent":
      return t("subscribers.importNoConsent");
    case "empty":
      return t("subscribers.importEmpty");
    case "too-big":
      return t("subscribers.importTooBig", { max: String(MAX_IMPORT_BYTES / 1024) });
    case "too-many":
      return t("subscribers.importTooMany", { max: formatCount(MAX_IMPORT_ROWS, language) });
    case "rate-limited":
      return t("subscribers.importRateLimited");
  }
}

function skippedLines(outcome: ImportOutcome, t: Translator): string {
  if (outcome.invalid.length === 0) return "";
  const lines = outcome.invalid
    .slice(0, 10)
    .map((entry) => `${entry.line} (${entry.value})`)
    .join(", ");
  return ` ${t("subscribers.importSkipped", { lines: `${lines}${outcome.invalid.length > 10 ? "…" : ""}` })}`;
}

/** The page's message for an import's outcome, and the field it concerns when there is one. */
export function importReport(outcome: ImportOutcome, now = Date.now(), language: Language = "fr"): { ok: boolean; message: string; field?: string } {
  const t = getTranslator(language);
  const skipped = skippedLines(outcome, t);
  if (!outcome.ok) {
    if (outcome.problem === "daily-limit") {
      return { ok: false, message: `${limitReachedMessage("importedSubscribers", outcome.blogCreatedAt, now, language)}${skipped}`, field: "fichier" };
    }
    return { ok: false, message: importProblem(outcome.problem, language) + skipped, field: outcome.problem === "no-consent" ? "consentement" : undefined };
  }
  const count = (value: number) => formatCount(value, language);
  const parts: string[] = [];
  if (outcome.confirmed > 0) parts.push(t("subscribers.importConfirmed", { count: outcome.confirmed }));
  if (outcome.mailed > 0) parts.push(t("subscribers.importMailed", { count: outcome.mailed }));
  if (outcome.confirmed === 0 && outcome.mailed === 0) parts.push(t("subscribers.importNone"));
  parts.push(t("subscribers.importExisting", { count: count(outcome.existing) }));
  if (outcome.attestedOverLimit > 0) {
    parts.push(t("subscribers.importAttestedOver", { limit: describeLimit("attestedSubscribers", outcome.blogCreatedAt, now, language), count: count(outcome.attestedOverLimit) }));
  }
  if (outcome.overLimit > 0) {
    parts.push(t("subscribers.importOverLimit", { count: outcome.overLimit, limit: describeLimit("importedSubscribers", outcome.blogCreatedAt, now, language) }));
  }
  return { ok: true, message: parts.join(" ") + skipped };
}
