import type { z } from "zod";
import type { Translator } from "@/lib/i18n";

// What every form action returns: success, or what the person can fix, with what they typed.
export type FormResult<Extra extends object = object> =
  | ({ ok: true; message?: string } & Extra)
  | { ok: false; error: string; fieldErrors: Record<string, string>; values: Record<string, string>; code?: string };

export type FormState<Extra extends object = object> = FormResult<Extra> | null;

/** The text fields of a submitted form, as typed, to give back when the form is shown again. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, typeof formData.get(name) === "string" ? String(formData.get(name)) : ""]));
}

/** One message per field, in the page's language, from a zod error. */
export function fieldErrorsFrom(error: z.ZodError, t: Translator): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] = messageFor(issue, t);
  }
  return errors;
}

function messageFor(issue: z.core.$ZodIssue, t: Translator): string {
  switch (issue.code) {
    case "too_small":
      return issue.minimum === 1 ? t("forms.required") : t("forms.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return t("forms.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("forms.invalidEmail") : issue.format === "url" ? t("forms.invalidUrl") : t("forms.invalid");
    case "invalid_type":
      return t("forms.required");
    default:
      // A schema may name a catalogue key in its own message ("forms.invalidUrl", "admin.slugTaken"…).
      return /^[a-z]+\.[a-zA-Z]+$/.test(issue.message) ? t(issue.message as Parameters<Translator>[0]) : t("forms.invalid");
  }
}

/** A failed result for the whole form, keeping what was typed. */
export function formError(error: string, values: Record<string, string>, fieldErrors: Record<string, string> = {}): FormResult<never> {
  return { ok: false, error, fieldErrors, values };
}
