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
