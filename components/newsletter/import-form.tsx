"use client";

import { useActionState } from "react";
import { importSubscribersAction } from "@/lib/newsletter/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * The subscribers page's CSV import: a file, the blogger's declaration of consent, and the attestation
 * that they already confirmed; `attestedCeiling` says how many a day may skip the confirmation mail.
 */
export function ImportSubscribersForm({ blogId, attestedCeiling }: { blogId: number; attestedCeiling: string }) {
  const [state, formAction] = useActionState(importSubscribersAction, null);
  const errorOf = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="blogId" value={blogId} />
      <p className="space-y-1">
        <label htmlFor="import-fichier" className="block text-sm font-semibold">
          Fichier CSV
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
          Une adresse par ligne, ou une colonne « email » ; 5 000 adresses au plus. Les adresses déjà présentes ne changent pas.
        </span>
        {errorOf("fichier") ? <span className="block text-sm font-semibold text-red-800">{errorOf("fichier")}</span> : null}
      </p>
      <p className="flex items-start gap-2">
        <input id="import-consentement" name="consentement" type="checkbox" value="oui" required className="mt-1" aria-invalid={errorOf("consentement") ? true : undefined} />
        <label htmlFor="import-consentement" className="text-sm">
          Je certifie que chacune de ces personnes a accepté de recevoir les articles de ce blog par e-mail.
        </label>
      </p>
      {errorOf("consentement") ? <p className="text-sm font-semibold text-red-800">{errorOf("consentement")}</p> : null}
      <p className="flex items-start gap-2">
        <input id="import-confirmes" name="dejaConfirmes" type="checkbox" value="oui" className="mt-1" />
        <label htmlFor="import-confirmes" className="text-sm">
          J’atteste que ces personnes ont déjà confirmé leur abonnement (abonnés d’une autre plateforme) : ne pas leur envoyer de demande de confirmation.{" "}
          <span className="text-[var(--color-muted)]">Au plus {attestedCeiling} ; au-delà, elles reçoivent la demande de confirmation.</span>
        </label>
      </p>
      <SubmitButton pendingLabel="Import en cours…">Importer</SubmitButton>
    </form>
  );
}
