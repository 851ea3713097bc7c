"use client";

import { useActionState } from "react";
import { TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { replyFromQueue } from "@/lib/comments/actions";
import type { FormState } from "@/lib/forms";

/** A member's reply to a comment, from the moderation queue (works without JavaScript too). */
export function QueueReplyForm({ commentId, tab, labels }: { commentId: number; tab: string; labels: { body: string; submit: string; pending: string } }) {
  const [state, formAction] = useActionState<FormState, FormData>(replyFromQueue, null);
  const error = state && !state.ok ? state.fieldErrors.body : undefined;
  return (
    <form action={formAction} noValidate className="mt-3 space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="tab" value={tab} />
      <TextArea
        key={state ? JSON.stringify(state) : ""}
        id={`reponse-${commentId}`}
        name="body"
        label={labels.body}
        required
        maxLength={5000}
        rows={4}
        defaultValue={state && !state.ok ? state.values.body : ""}
        error={error}
      />
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
