import type { ReactNode } from "react";
import { formatCount } from "@/lib/i18n";

/** A titled box with a two-column table (what, views), or a sentence when there is nothing yet. */
export function RankedTable({
  id,
  title,
  empty,
  nameHeader,
  viewsHeader,
  rows,
}: {
  id: string;
  title: string;
  empty: string;
  nameHeader: string;
  viewsHeader: string;
  rows: { key: string | number; name: ReactNode; views: number }[];
}) {
  return (
    <section aria-labelledby={`${id}-titre`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-titre`} className="font-serif text-xl font-bold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr>
              <th scope="col" className="text-left">
                {nameHeader}
              </th>
              <th scope="col" className="text-right">
                {viewsHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-stone-100 align-top">
                <td className="break-all py-1 pr-2">{row.name}</td>
                <td className="py-1 text-right tabular-nums">{formatCount(row.views, "fr")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
