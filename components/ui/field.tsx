import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

const control = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

type Common = { name: string; label: string; error?: string; hint?: string; defaultValue?: string };

/** Label, control, hint and error of one field; the control gets the ids that tie them together. */
function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (described: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const describedBy = [error ? `${id}-erreur` : null, hint ? `${id}-aide` : null].filter(Boolean).join(" ") || undefined;
  return (
    <p className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {children({ "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
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

/** A labelled text input with its error next to it; `defaultValue` carries what the person typed. */
export function Field({ name, label, error, hint, defaultValue, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">) {
  const id = input.id ?? `champ-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(described) => <input id={id} name={name} defaultValue={defaultValue} className={control} {...described} {...input} />}
    </FieldFrame>
  );
}

export function TextArea({ name, label, error, hint, defaultValue, ...area }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue">) {
  const id = area.id ?? `champ-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(described) => <textarea id={id} name={name} defaultValue={defaultValue} className={control} {...described} {...area} />}
    </FieldFrame>
  );
}
