"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** Ticks or unticks every comment of the page for a bulk action. Only shown once the script runs. */
export function SelectAll({ form, label }: { form: string; label: string }) {
  // False in the server's HTML, true once hydrated: without a script the box would do nothing.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!hydrated) return null;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        onChange={(event) => {
          for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name=ids][form="${form}"]`)) {
            box.checked = event.currentTarget.checked;
          }
        }}
      />
      {label}
    </label>
  );
}
