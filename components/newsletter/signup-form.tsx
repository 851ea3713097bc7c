"use client";

import { useActionState } from "react";
import { subscribeToNewsletter } from "@/lib/newsletter/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * The newsletter signup of a blog (sidebar, "Suivre ce blog" page): a server action that also works as
 * a plain HTML form. The strings come from the page, in the blog's language.
 */
export function NewsletterSignupForm({
  blogId,
  idPrefix,
  labels,
}: {
  blogId: number;
  idPrefix: string;
  labels: { email: string; submit: string; pending: string };
}) {
  const [state, formAction] = useActionState(subscribeToNewsletter, null);
  const fieldError = state && !state.ok ? state.fieldErrors.email : undefined;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      {/* A field error is said next to the field; other outcomes (thanks, throttled) above it. */}
      {fieldError ? null : <FormMessage state={state} />}
      <input type="hidden" name="blogId" value={blogId} />
      <Field
        key={state ? JSON.stringify(state) : "empty"}
        id={`${idPrefix}-email`}
        name="email"
        type="email"
        label={labels.email}
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={state && !state.ok ? state.values.email : undefined}
        error={fieldError}
      />
      <SubmitButton pendingLabel={labels.pending} className="w-full rounded bg-[var(--accent)] px-3 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60">
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
