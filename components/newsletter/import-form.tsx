"use client";

import { useActionState } from "react";
import { importSubscribersAction } from "@/lib/newsletter/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type ImportSubscribersLabels = {
  file: string;
  fileHint: string;
  consent: string;
  attested: string;
  /** How many a day may skip the confirmation mail, said in a sentence. */
  attestedCeiling: string;
  submit: string;
  pending: string;
};

/**
 * The subscribers page's CSV import: a file, the blogger's declaration of consent, and the attestation
 * that they already confirmed; its words come from the page, in the blog's language.
 */
export function ImportSubscribersForm({ blogId, labels }: { blogId: number; labels: ImportSubscribersLabels }) {
  const [state, formAction] = useActionState(importSubscribersAction, null);
  const errorOf = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <p className="space-y-1">
        <label htmlFor="import-fichier" className="block text-sm font-semibold">
          {labels.file}
        </label>
        <input
          id="import-fichier"
          name="fichier"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          required
          aria-describedby="import-fichier-aide"
          aria-invalid={errorOf("fichier") ? true : undefined}
          className="block w-full text-sm"
        />
        <span id="import-fichier-aide" className="block text-sm text-[var(--color-muted)]">
          {labels.fileHint}
        </span>
        {errorOf("fichier") ? <span className="block text-sm font-semibold text-red-800">{errorOf("fichier")}</span> : null}
      </p>
      <p className="flex items-start gap-2">
        <input id="import-consentement" name="consentement" type="checkbox" value="oui" required className="mt-1" aria-invalid={errorOf("consentement") ? true : undefined} />
        <label htmlFor="import-consentement" className="text-sm">
          {labels.consent}
        </label>
      </p>
      {errorOf("consentement") ? <p className="text-sm font-semibold text-red-800">{errorOf("consentement")}</p> : null}
      <p className="flex items-start gap-2">
        <input id="import-confirmes" name="dejaConfirmes" type="checkbox" value="oui" className="mt-1" />
        <label htmlFor="import-confirmes" className="text-sm">
          {labels.attested} <span className="text-[var(--color-muted)]">{labels.attestedCeiling}</span>
        </label>
      </p>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
