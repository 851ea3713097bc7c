import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { emailSchema } from "@/lib/auth/email";
import type { SubscriberStatus } from "@/lib/db/schema";

/** The most addresses one import may hold. */
export const MAX_IMPORT_ROWS = 5000;

export type ParsedImport = { emails: string[]; invalid: { line: number; value: string }[]; tooMany: boolean };

const HEADER = /^(e-?mail|courriel|adresse|address)/i;

/**
 * The addresses of an imported file: one per line, or a CSV (comma, semicolon or tab) whose "email"
 * column (or else first column holding an "@") has them. Addresses are normalised and de-duplicated;
 * malformed ones are reported with their line.
 */
export function parseSubscriberCsv(text: string): ParsedImport {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: [",", ";", "\t"], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
  } catch {
    return { emails: [], invalid: [{ line: 1, value: text.slice(0, 80) }], tooMany: false };
  }
  const first = records[0] ?? [];
  const headerColumn = first.findIndex((cell) => HEADER.test(cell));
  const column = headerColumn >= 0 ? headerColumn : Math.max(0, first.findIndex((cell) => cell.includes("@")));
  const rows = headerColumn >= 0 ? records.slice(1) : records;
  const offset = headerColumn >= 0 ? 2 : 1;
  const emails = new Set<string>();
  const invalid: ParsedImport["invalid"] = [];
  for (const [index, row] of rows.entries()) {
    const value = row[column] ?? "";
    if (value === "") continue;
    const parsed = emailSchema.safeParse(value);
    if (parsed.success) emails.add(parsed.data);
    else invalid.push({ line: index + offset, value: value.slice(0, 80) });
  }
  return { emails: [...emails].slice(0, MAX_IMPORT_ROWS), invalid, tooMany: emails.size > MAX_IMPORT_ROWS };
}

export type ExportedSubscriber = {
  email: string;
  status: SubscriberStatus;
  source: string;
  createdAt: number;
  confirmedAt: number | null;
  unsubscribedAt: number | null;
};

const STATUS_LABELS: Record<SubscriberStatus, string> = { pending: "en attente", confirmed: "confirmé", unsubscribed: "désabonné" };

// A spreadsheet runs a cell starting with one of these as a formula.
const neutralised = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
const isoDate = (epochMs: number | null) => (epochMs === null ? "" : new Date(epochMs).toISOString());

const CSV_COLUMNS = ["email", "statut", "source", "inscription", "confirmation", "desinscription"];

/**
 * Part of the subscribers' CSV: the first part opens with the byte-order mark and the header line, the
 * following ones are lines only, so that a long list is written page by page.
 */
export function subscribersCsvPart(rows: ExportedSubscriber[], first: boolean, delimiter: CsvDelimiter = ";"): string {
  return stringify(
    rows.map((row) => [neutralised(row.email), STATUS_LABELS[row.status], neutralised(row.source), isoDate(row.createdAt), isoDate(row.confirmedAt), isoDate(row.unsubscribedAt)]),
    first ? { bom: true, header: true, columns: CSV_COLUMNS, delimiter } : { delimiter },
  );
}

/**
 * The separator of an exported CSV: a semicolon by default, which a French spreadsheet (Excel set to
 * French, LibreOffice) splits into columns on opening; a comma for the others.
 */
export type CsvDelimiter = ";" | ",";

/** The subscribers as CSV (UTF-8 with BOM, for spreadsheets), one line each, dates in ISO 8601. */
export function subscribersToCsv(rows: ExportedSubscriber[], delimiter: CsvDelimiter = ";"): string {
  return subscribersCsvPart(rows, true, delimiter);
}
