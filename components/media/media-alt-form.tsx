"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormResult, FormState } from "@/lib/forms";

/** The alternative text of one medium; several of these sit on the same page, hence ids of their own. */
export function MediaAltForm({
  action,
  blogId,
  mediaId,
  alt,
  labels,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  blogId: number;
  mediaId: number;
  alt: string;
  labels: { alt: string; submit: string; pending: string; maxLength: number };
}) {
  const [state, formAction] = useActionState(action, null);
  const value = state && !state.ok ? (state.values.alt ?? alt) : alt;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <Field
        key={state ? JSON.stringify(state) : "initial"}
        id={`alt-${mediaId}`}
        name="alt"
        label={labels.alt}
        defaultValue={value}
        maxLength={labels.maxLength}
        error={state && !state.ok ? state.fieldErrors.alt : undefined}
      />
      <SubmitButton
        pendingLabel={labels.pending}
        className="rounded border border-stone-400 bg-white px-3 py-1 text-sm font-semibold hover:bg-stone-100 disabled:opacity-60"
      >
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
