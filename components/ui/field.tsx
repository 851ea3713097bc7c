import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

const control = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

type Common = { name: string; label: string; error?: string; hint?: string; defaultValue?: string };

/** A labelled text input with its error next to it; `defaultValue` carries what the person typed. */
export function Field({ name, label, error, hint, defaultValue, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">) {
  const id = input.id ?? `champ-${name}`;
  const describedBy = [error ? `${id}-erreur` : null, hint ? `${id}-aide` : null].filter(Boolean).join(" ") || undefined;
  return (
    <p className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={control} {...input} />
      {hint ? (
        <span id={`${id}-aide`} className="block text-sm text-[var(--color-muted)]">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-erreur`} className="block text-sm font-semibold text-red-800">
          {error}
        </span>
      ) : null}
    </p>
  );
}

export function TextArea({ name, label, error, hint, defaultValue, ...area }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue">) {
  const id = area.id ?? `champ-${name}`;
  const describedBy = [error ? `${id}-erreur` : null, hint ? `${id}-aide` : null].filter(Boolean).join(" ") || undefined;
  return (
    <p className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <textarea id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={control} {...area} />
      {hint ? (
        <span id={`${id}-aide`} className="block text-sm text-[var(--color-muted)]">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-erreur`} className="block text-sm font-semibold text-red-800">
          {error}
        </span>
      ) : null}
    </p>
  );
}
