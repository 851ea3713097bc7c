"use client";

import { useActionState } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormResult, FormState } from "@/lib/forms";

export type SettingsValues = {
  title: string;
  description: string;
  language: string;
  timeZone: string;
  accentColor: string;
  sidebarWidgets: string[];
  moderation: string;
};

type Option = { value: string; label: string };

const control = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <span id={id} className="block text-sm font-semibold text-red-800">
      {error}
    </span>
  ) : null;
}

/** A blog's settings; on an error every field comes back as typed, with its message next to it. */
export function SettingsForm({
  action,
  blogId,
  saved,
  timeZones,
  languages,
  widgets,
  moderationModes,
  maxLengths,
  labels,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  blogId: number;
  saved: SettingsValues;
  timeZones: string[];
  languages: Option[];
  widgets: Option[];
  moderationModes: Option[];
  maxLengths: { title: number; description: number };
  labels: Record<
    "title" | "description" | "descriptionHint" | "language" | "languageHint" | "timeZone" | "timeZoneHint" | "accent" | "accentHint" | "widgets" | "moderation" | "submit" | "pending",
    string
  >;
}) {
  const [state, formAction] = useActionState(action, null);
  const typed = state && !state.ok ? state.values : null;
  const value = (name: Exclude<keyof SettingsValues, "sidebarWidgets">) => typed?.[name] ?? saved[name];
  const ticked = typed ? (typed.sidebarWidgets ?? "").split(",").filter(Boolean) : saved.sidebarWidgets;
  const errorOf = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  const describedBy = (name: string, hint: boolean) =>
    [errorOf(name) ? `champ-${name}-erreur` : null, hint ? `champ-${name}-aide` : null].filter(Boolean).join(" ") || undefined;
  // Remounted after each answer, so that the fields show what the server sent back.
  const key = state ? JSON.stringify(state) : "saved";

  return (
    <form key={key} action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <Field name="title" label={labels.title} defaultValue={value("title")} error={errorOf("title")} required maxLength={maxLengths.title} />
      <TextArea name="description" label={labels.description} hint={labels.descriptionHint} defaultValue={value("description")} error={errorOf("description")} rows={2} maxLength={maxLengths.description} />

      <p className="space-y-1">
        <label htmlFor="champ-language" className="block text-sm font-semibold">
          {labels.language}
        </label>
        <select id="champ-language" name="language" defaultValue={value("language")} className={control} aria-invalid={errorOf("language") ? true : undefined} aria-describedby={describedBy("language", true)}>
          {languages.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <span id="champ-language-aide" className="block text-sm text-[var(--color-muted)]">
          {labels.languageHint}
        </span>
        <ErrorText id="champ-language-erreur" error={errorOf("language")} />
      </p>

      <p className="space-y-1">
        <label htmlFor="champ-timeZone" className="block text-sm font-semibold">
          {labels.timeZone}
        </label>
        <select id="champ-timeZone" name="timeZone" defaultValue={value("timeZone")} className={control} aria-invalid={errorOf("timeZone") ? true : undefined} aria-describedby={describedBy("timeZone", true)}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <span id="champ-timeZone-aide" className="block text-sm text-[var(--color-muted)]">
          {labels.timeZoneHint}
        </span>
        <ErrorText id="champ-timeZone-erreur" error={errorOf("timeZone")} />
      </p>

      <p className="space-y-1">
        <label htmlFor="champ-accentColor" className="block text-sm font-semibold">
          {labels.accent}
        </label>
        <input
          id="champ-accentColor"
          name="accentColor"
          type="color"
          defaultValue={value("accentColor")}
          className="h-10 w-20 rounded border border-stone-300 bg-white"
          aria-invalid={errorOf("accentColor") ? true : undefined}
          aria-describedby={describedBy("accentColor", true)}
        />
        <span id="champ-accentColor-aide" className="block text-sm text-[var(--color-muted)]">
          {labels.accentHint}
        </span>
        <ErrorText id="champ-accentColor-erreur" error={errorOf("accentColor")} />
      </p>

      <fieldset className="space-y-1" aria-describedby={errorOf("sidebarWidgets") ? "champ-sidebarWidgets-erreur" : undefined}>
        <legend className="text-sm font-semibold">{labels.widgets}</legend>
        {widgets.map((widget) => (
          <label key={widget.value} className="flex items-center gap-2">
            <input type="checkbox" name="sidebarWidgets" value={widget.value} defaultChecked={ticked.includes(widget.value)} />
            {widget.label}
          </label>
        ))}
        <ErrorText id="champ-sidebarWidgets-erreur" error={errorOf("sidebarWidgets")} />
      </fieldset>

      <fieldset className="space-y-1" aria-describedby={errorOf("moderation") ? "champ-moderation-erreur" : undefined}>
        <legend className="text-sm font-semibold">{labels.moderation}</legend>
        {moderationModes.map((mode) => (
          <label key={mode.value} className="flex items-center gap-2">
            <input type="radio" name="moderation" value={mode.value} defaultChecked={value("moderation") === mode.value} />
            {mode.label}
          </label>
        ))}
        <ErrorText id="champ-moderation-erreur" error={errorOf("moderation")} />
      </fieldset>

      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
