"use client";

import { useActionState } from "react";
import type { FormResult, FormState } from "@/lib/forms";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * One button that sends a mail link's token to a server action (confirm, unsubscribe): opening the link
 * changes nothing, so a mail scanner that follows it does no harm. Once done, the outcome replaces it.
 */
export function TokenForm({
  action,
  blogId,
  token,
  labels,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  blogId: number;
  token: string;
  labels: { submit: string; pending: string };
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <input type="hidden" name="jeton" value={token} />
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
