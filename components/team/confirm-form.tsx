"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormResult, FormState } from "@/lib/forms";

/**
 * A button that asks before acting, without JavaScript: a <details> holds the question and the real
 * button. It stays open when the answer is an error, so that the message is seen.
 */
export function ConfirmForm({
  action,
  hidden,
  summary,
  question,
  confirmLabel,
  pendingLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormResult>;
  hidden: Record<string, string>;
  summary: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <details open={state && !state.ok ? true : undefined} className="text-sm">
      <summary className="cursor-pointer text-red-800">{summary}</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <FormMessage state={state} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>{question}</p>
        <SubmitButton pendingLabel={pendingLabel} className="rounded bg-red-800 px-3 py-1 font-semibold text-white hover:opacity-90 disabled:opacity-60">
          {confirmLabel}
        </SubmitButton>
      </form>
    </details>
  );
}
