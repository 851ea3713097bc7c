"use client";

import { useActionState, useId } from "react";
import type { FormResult, FormState } from "@/lib/forms";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "textarea" | "datetime-local" | "color";
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  defaultValue?: string;
};

/**
 * A server-action form that also works as a plain HTML form: errors come back next to each field and
 * every field keeps what was typed (passwords excepted).
 */
export function ActionForm({
  action,
  fields,
  hidden = {},
  submitLabel,
  pendingLabel,
  className,
  submitClassName,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  className?: string;
  /** The submit button's look (a destructive action is red); the accent colour otherwise. */
  submitClassName?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  // Several forms on one page may have a field of the same name: ids must stay unique.
  const formId = useId();
  const valueOf = (field: FieldSpec) =>
    field.type === "password" ? undefined : state && !state.ok ? (state.values[field.name] ?? field.defaultValue) : field.defaultValue;
  const errorOf = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  return (
    <form action={formAction} className={className ?? "space-y-4"} noValidate>
      <FormMessage state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) =>
        field.type === "textarea" ? (
          <TextArea
            key={`${field.name}-${state ? JSON.stringify(state) : ""}`}
            id={`${formId}-${field.name}`}
            name={field.name}
            label={field.label}
            hint={field.hint}
            required={field.required}
            maxLength={field.maxLength}
            defaultValue={valueOf(field)}
            error={errorOf(field.name)}
            rows={6}
          />
        ) : (
          <Field
            key={`${field.name}-${state ? JSON.stringify(state) : ""}`}
            id={`${formId}-${field.name}`}
            name={field.name}
            label={field.label}
            type={field.type ?? "text"}
            autoComplete={field.autoComplete}
            hint={field.hint}
            required={field.required}
            maxLength={field.maxLength}
            defaultValue={valueOf(field)}
            error={errorOf(field.name)}
          />
        ),
      )}
      <SubmitButton pendingLabel={pendingLabel} className={submitClassName}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
