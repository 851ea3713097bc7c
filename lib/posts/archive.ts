import { zonedDateParts } from "@/lib/i18n";

export type ArchiveMonth = { year: number; month: number; count: number };

/** Groups publication instants by calendar month in the blog's time zone, newest month first. */
export function groupByMonth(instants: number[], timeZone: string): ArchiveMonth[] {
  const counts = new Map<string, ArchiveMonth>();
  for (const instant of instants) {
    const { year, month } = zonedDateParts(instant, timeZone);
    const key = `${year}-${month}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { year, month, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.year - a.year || b.month - a.month);
}

export type ArchiveYear = { year: number; count: number };

/** At most this many months on a line of their own in the sidebar (whole years of them). */
export const SIDEBAR_MONTH_LINES = 24;

/**
 * The sidebar's archive: the latest years month by month, whole years of at most 24 months in all (the
 * latest year always), then each earlier year on one line, which leads to its months (/archives/2013).
 * One line per month since the first post would add up on every page of an old blog: 127 lines after
 * ten years, where this keeps 24 and one per year.
 */
export function sidebarArchive(months: ArchiveMonth[]): { months: ArchiveMonth[]; years: ArchiveYear[] } {
  const byYear: { year: number; months: ArchiveMonth[] }[] = [];
  for (const entry of months) {
    const last = byYear.at(-1);
    if (last?.year === entry.year) last.months.push(entry);
    else byYear.push({ year: entry.year, months: [entry] });
  }
  const shown: ArchiveMonth[] = [];
  const years: ArchiveYear[] = [];
  for (const { year, months: ofYear } of byYear) {
    if (years.length === 0 && (shown.length === 0 || shown.length + ofYear.length <= SIDEBAR_MONTH_LINES)) shown.push(...ofYear);
    else years.push({ year, count: ofYear.reduce((sum, entry) => sum + entry.count, 0) });
  }
  return { months: shown, years };
}
