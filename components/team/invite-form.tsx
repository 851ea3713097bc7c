"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormResult, FormState } from "@/lib/forms";

/** Invite someone by e-mail as author or owner; after a success the form is empty again. */
export function InviteForm({
  action,
  blogId,
  roles,
  labels,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  blogId: number;
  roles: { value: string; label: string }[];
  labels: { email: string; role: string; submit: string; pending: string };
}) {
  const [state, formAction] = useActionState(action, null);
  const typed = state && !state.ok ? state.values : null;
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form key={state ? JSON.stringify(state) : "new"} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <Field name="email" type="email" label={labels.email} autoComplete="off" required defaultValue={typed?.email ?? ""} error={errors.email} />
      <p className="space-y-1">
        <label htmlFor="champ-role" className="block text-sm font-semibold">
          {labels.role}
        </label>
        <select
          id="champ-role"
          name="role"
          defaultValue={typed?.role || "author"}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={errors.role ? "champ-role-erreur" : undefined}
          className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2"
        >
          {roles.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
        {errors.role ? (
          <span id="champ-role-erreur" className="block text-sm font-semibold text-red-800">
            {errors.role}
          </span>
        ) : null}
      </p>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
