"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";

/**
 * The upload form: a plain multipart post to the upload route, which answers with a redirect to the media
 * page and its message. With JavaScript, a file over the limit is refused before it is sent at all.
 */
export function UploadForm({
  action,
  maxBytes,
  alt,
  fileError,
  altError,
  labels,
}: {
  action: string;
  maxBytes: number;
  alt: string;
  fileError?: string;
  altError?: string;
  labels: { file: string; fileHint: string; alt: string; altHint: string; submit: string; pending: string; tooLarge: string; altMaxLength: number };
}) {
  const [clientError, setClientError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const error = clientError ?? fileError;
  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      className="space-y-4"
      onSubmit={(event) => {
        const input = event.currentTarget.elements.namedItem("fichier");
        const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
        if (file && file.size > maxBytes) {
          event.preventDefault();
          setClientError(labels.tooLarge);
          return;
        }
        setClientError(undefined);
        setPending(true);
      }}
    >
      {/* The text comes first: if the file is refused for its size, the server still reads what was typed. */}
      <Field name="alt" label={labels.alt} hint={labels.altHint} defaultValue={alt} error={altError} maxLength={labels.altMaxLength} />
      <p className="space-y-1">
        <label htmlFor="champ-fichier" className="block text-sm font-semibold">
          {labels.file}
        </label>
        <input
          id="champ-fichier"
          name="fichier"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={["champ-fichier-aide", error ? "champ-fichier-erreur" : null].filter(Boolean).join(" ")}
          className="block w-full text-sm"
          onChange={() => setClientError(undefined)}
        />
        <span id="champ-fichier-aide" className="block text-sm text-[var(--color-muted)]">
          {labels.fileHint}
        </span>
        {error ? (
          <span id="champ-fichier-erreur" className="block text-sm font-semibold text-red-800">
            {error}
          </span>
        ) : null}
      </p>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60"
      >
        {pending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
