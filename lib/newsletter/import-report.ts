import { describeLimit, limitReachedMessage } from "@/lib/abuse/limits";
import { formatCount, getTranslator } from "@/lib/i18n";
import { MAX_IMPORT_BYTES, type ImportOutcome } from "./mutations";
import { MAX_IMPORT_ROWS } from "./csv";

// What the subscribers page says after an import (French, like the whole administration).

export const IMPORT_PROBLEMS = {
  forbidden: getTranslator("fr")("newsletter.importForbidden"),
  "no-consent": "Cochez la case : vous ne pouvez importer que des personnes qui ont accepté de recevoir vos articles.",
  empty: "Ce fichier ne contient aucune adresse e-mail valide.",
  "too-big": `Ce fichier est trop gros : ${MAX_IMPORT_BYTES / 1024} Ko au plus.`,
  "too-many": `Ce fichier contient trop d'adresses : importez-les en plusieurs fois (${formatCount(MAX_IMPORT_ROWS, "fr")} par fichier au plus).`,
  "rate-limited": "Trop d'imports aujourd'hui pour ce blog : réessayez demain.",
} as const;

const count = (value: number) => formatCount(value, "fr");

/** The page's message for an import's outcome, and the field it concerns when there is one. */
export function importReport(outcome: ImportOutcome, now = Date.now()): { ok: boolean; message: string; field?: string } {
  const skipped =
    outcome.invalid.length > 0
      ? ` Lignes ignorées (adresse non valide) : ${outcome.invalid.slice(0, 10).map((entry) => `${entry.line} (${entry.value})`).join(", ")}${outcome.invalid.length > 10 ? "…" : ""}.`
      : "";
  if (!outcome.ok) {
    if (outcome.problem === "daily-limit") {
      return { ok: false, message: `${limitReachedMessage("importedSubscribers", outcome.blogCreatedAt, now)}${skipped}`, field: "fichier" };
    }
    return { ok: false, message: IMPORT_PROBLEMS[outcome.problem] + skipped, field: outcome.problem === "no-consent" ? "consentement" : undefined };
  }
  const parts: string[] = [];
  if (outcome.confirmed > 0) parts.push(`${count(outcome.confirmed)} adresse(s) ajoutée(s) comme confirmées.`);
  if (outcome.mailed > 0) parts.push(`${count(outcome.mailed)} adresse(s) ajoutée(s) : chacune reçoit un e-mail de confirmation.`);
  if (outcome.confirmed === 0 && outcome.mailed === 0) parts.push("Aucune nouvelle adresse.");
  parts.push(`${count(outcome.existing)} déjà présente(s), laissée(s) telle(s) quelle(s).`);
  if (outcome.attestedOverLimit > 0) {
    parts.push(
      `Vous avez atteint la limite de ${describeLimit("attestedSubscribers", outcome.blogCreatedAt, now)} : ${count(outcome.attestedOverLimit)} de ces adresses reçoivent donc une demande de confirmation.`,
    );
  }
  if (outcome.overLimit > 0) {
    parts.push(`${count(outcome.overLimit)} adresse(s) non importée(s) : ${describeLimit("importedSubscribers", outcome.blogCreatedAt, now)}. Importez-les demain.`);
  }
  return { ok: true, message: parts.join(" ") + skipped };
}
