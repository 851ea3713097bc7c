import { describe, expect, it } from "vitest";
import { sidebarArchive, type ArchiveMonth } from "@/lib/posts/archive";

// The sidebar's « Archives » is on every page of a blog: how many lines it has must not follow the blog's age.

/** Months of posts, newest first, as the archive counts them: the given months of each year, `count` posts in each. */
function monthsOf(years: { year: number; months: number[]; count?: number }[]): ArchiveMonth[] {
  return years.flatMap(({ year, months, count = 3 }) => months.toSorted((a, b) => b - a).map((month) => ({ year, month, count })));
}
const wholeYear = Array.from({ length: 12 }, (_, i) => i + 1);

describe("the sidebar's archive", () => {
  it("shows every month of a blog of a few years, as the demo's", () => {
    const months = monthsOf([
      { year: 2013, months: [2, 3, 5, 6, 9] },
      { year: 2012, months: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12] },
      { year: 2011, months: [9, 10, 11] },
    ]);
    expect(sidebarArchive(months)).toEqual({ months, years: [] });
  });

  it("keeps the months of the last two full years, then one line per year with its total, however old the blog", () => {
    const years = Array.from({ length: 30 }, (_, i) => ({ year: 2025 - i, months: wholeYear, count: 10 + i }));
    const archive = sidebarArchive(monthsOf(years));
    expect(archive.months.map(({ year, month }) => `${year}-${month}`)).toEqual([...wholeYear.map((m) => `2025-${13 - m}`), ...wholeYear.map((m) => `2024-${13 - m}`)]);
    expect(archive.years).toHaveLength(28);
    expect(archive.years[0]).toEqual({ year: 2023, count: 12 * 12 });
    expect(archive.years.at(-1)).toEqual({ year: 1996, count: 12 * 39 });
  });

  it("shows a year by months only whole: a year that would pass 24 lines, and every year before it, is one line", () => {
    const archive = sidebarArchive(
      monthsOf([
        { year: 2020, months: [1, 2, 3] },
        { year: 2019, months: wholeYear },
        { year: 2018, months: wholeYear },
        { year: 2017, months: [6] },
      ]),
    );
    expect(archive.months.map(({ year }) => year)).toEqual([...Array(3).fill(2020), ...Array(12).fill(2019)]);
    expect(archive.years).toEqual([
      { year: 2018, count: 36 },
      { year: 2017, count: 3 },
    ]);
  });

  it("shows the latest year by months even when it is the only one, and nothing for a blog that published nothing", () => {
    const months = monthsOf([{ year: 2026, months: wholeYear }]);
    expect(sidebarArchive(months)).toEqual({ months, years: [] });
    expect(sidebarArchive([])).toEqual({ months: [], years: [] });
  });
});
