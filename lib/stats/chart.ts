// Pure helpers for the statistics charts: day series and their SVG geometry (server-rendered).

const DAY_MS = 86_400_000;

/** The `count` UTC days ending with the day of `now`, oldest first ("2026-11-01", …). */
export function lastDays(now: number, count: number): string[] {
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** One value per day, 0 for the days without a row. */
export function dailySeries(days: string[], rows: { day: string; count: number }[]): number[] {
  const byDay = new Map(rows.map((row) => [row.day, row.count]));
  return days.map((day) => byDay.get(day) ?? 0);
}

/** A running total per day: `start`, plus what arrived, minus what left, day by day. */
export function runningSeries(days: string[], start: number, added: { day: string; count: number }[], removed: { day: string; count: number }[]): number[] {
  const plus = dailySeries(days, added);
  const minus = dailySeries(days, removed);
  let total = start;
  return days.map((_, i) => (total += (plus[i] ?? 0) - (minus[i] ?? 0)));
}

/** The top of a chart's scale: the maximum rounded up to 1, 2 or 5 × a power of ten (at least 1). */
export function scaleTop(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

export type Box = { width: number; height: number };

/** Bars of a daily series in a box (y grows downwards, as in SVG). */
export function barGeometry(values: number[], box: Box, top = scaleTop(values)): { x: number; y: number; width: number; height: number }[] {
  const slot = box.width / Math.max(1, values.length);
  const gap = slot > 4 ? slot * 0.2 : 0;
  return values.map((value, i) => {
    const height = (Math.max(0, value) / top) * box.height;
    return { x: i * slot + gap / 2, y: box.height - height, width: slot - gap, height };
  });
}

/** An SVG path through a daily series, and the same path closed down to the axis (for an area). */
export function lineGeometry(values: number[], box: Box, top = scaleTop(values)): { line: string; area: string } {
  if (values.length === 0) return { line: "", area: "" };
  const step = values.length > 1 ? box.width / (values.length - 1) : 0;
  const points = values.map((value, i) => `${(i * step).toFixed(2)} ${(box.height - (Math.max(0, value) / top) * box.height).toFixed(2)}`);
  const line = `M ${points.join(" L ")}`;
  return { line, area: `${line} L ${((values.length - 1) * step).toFixed(2)} ${box.height} L 0 ${box.height} Z` };
}
