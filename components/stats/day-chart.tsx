import { formatCount, formatDay, type Translator } from "@/lib/i18n";
import { barGeometry, lineGeometry, scaleTop } from "@/lib/stats/chart";

const BOX = { width: 720, height: 200 };

const dayLabel = (day: string) => formatDay(day, "fr");

/**
 * A chart of one value per day, drawn on the server as SVG (bars, or a line for running totals). It
 * stretches to the width of its container, phones included; the figures are also given as a table.
 */
export function DayChart({
  id,
  title,
  summary,
  days,
  values,
  valueLabel,
  kind,
  t,
}: {
  id: string;
  title: string;
  summary: string;
  days: string[];
  values: number[];
  valueLabel: string;
  kind: "bars" | "line";
  t: Translator;
}) {
  const top = scaleTop(values);
  const first = days[0] ?? "";
  const last = days[days.length - 1] ?? "";
  const label = t("audience.statsChartLabel", { title, from: dayLabel(first), to: dayLabel(last), max: formatCount(Math.max(0, ...values), "fr") });
  const line = kind === "line" ? lineGeometry(values, BOX, top) : null;
  return (
    <section aria-labelledby={`${id}-titre`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-titre`} className="font-serif text-xl font-bold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-[var(--color-muted)]" data-testid={`${id}-resume`}>
        {summary}
      </p>
      <figure className="mt-4">
        <div className="flex gap-2">
          <div className="flex w-10 shrink-0 flex-col justify-between text-right text-xs text-[var(--color-muted)]" aria-hidden="true">
            <span>{formatCount(top, "fr")}</span>
            <span>0</span>
          </div>
          <svg
            viewBox={`0 0 ${BOX.width} ${BOX.height}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={label}
            className="h-48 w-full min-w-0 overflow-visible border-b border-l border-stone-300"
          >
            <line x1="0" x2={BOX.width} y1={BOX.height / 2} y2={BOX.height / 2} stroke="#e7e5e4" vectorEffect="non-scaling-stroke" />
            {line ? (
              <>
                <path d={line.area} fill="var(--accent)" fillOpacity="0.15" />
                <path d={line.line} fill="none" stroke="var(--accent)" strokeWidth="2" vectorEffect="non-scaling-stroke" />
              </>
            ) : (
              barGeometry(values, BOX, top).map((bar, i) =>
                bar.height > 0 ? (
                  <rect key={days[i]} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill="var(--accent)">
                    <title>{`${dayLabel(days[i] ?? "")} : ${formatCount(values[i] ?? 0, "fr")}`}</title>
                  </rect>
                ) : null,
              )
            )}
          </svg>
        </div>
        <figcaption className="ml-12 mt-1 flex justify-between text-xs text-[var(--color-muted)]">
          <span>{dayLabel(first)}</span>
          <span>{dayLabel(last)}</span>
        </figcaption>
      </figure>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer">{t("audience.statsFigures")}</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <table className="w-full">
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  {t("audience.statsDay")}
                </th>
                <th scope="col" className="text-right">
                  {valueLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {days
                .map((day, i) => ({ day, value: values[i] ?? 0 }))
                .reverse()
                .map(({ day, value }) => (
                  <tr key={day} className="border-t border-stone-100">
                    <td>{dayLabel(day)}</td>
                    <td className="text-right tabular-nums">{formatCount(value, "fr")}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
