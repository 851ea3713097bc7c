"use client";

import { useActionState, useRef, useState, useSyncExternalStore } from "react";
import { createPreviewLink, revokePreviewLink } from "@/lib/posts/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type PreviewLinkLabels = Record<"title" | "hint" | "create" | "address" | "copy" | "copied" | "revoke" | "pending", string>;

const SECONDARY = "rounded border border-stone-400 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-stone-100";

/**
 * « Lien d'aperçu » of a draft or scheduled post: create a link that shows it to anyone who has it, copy
 * it, revoke it. Two plain forms (they work without JavaScript); the page is rendered again with the link.
 */
export function PreviewLink({ blogId, postId, url, labels }: { blogId: number; postId: number; url: string | null; labels: PreviewLinkLabels }) {
  const [created, create] = useActionState(createPreviewLink, null);
  const [revoked, revoke] = useActionState(revokePreviewLink, null);
  const [copied, setCopied] = useState<string | null>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  // The copy button needs JavaScript; without it, the address is selectable text.
  const enhanced = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const hidden = (
    <>
      <input type="hidden" name="blogId" value={blogId} />
      <input type="hidden" name="postId" value={postId} />
    </>
  );
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
    } catch {
      // No clipboard (permission refused): the address is selected, ready for Ctrl+C.
      addressRef.current?.select();
    }
  };
  // What each form answered, while it still describes what the page shows.
  const message = url ? (created?.ok ? created : revoked?.ok ? null : revoked) : revoked?.ok ? revoked : created?.ok ? null : created;
  return (
    <section aria-labelledby="lien-apercu-titre" className="mt-8 space-y-3 rounded border border-stone-300 bg-white p-4">
      <h2 id="lien-apercu-titre" className="font-semibold">
        {labels.title}
      </h2>
      <p className="text-sm text-[var(--color-muted)]">{labels.hint}</p>
      <FormMessage state={message} />
      {url ? (
        <>
          <p className="space-y-1">
            <label htmlFor="lien-apercu" className="block text-sm font-semibold">
              {labels.address}
            </label>
            <span className="flex flex-wrap gap-2">
              <input
                id="lien-apercu"
                ref={addressRef}
                readOnly
                value={url}
                onFocus={(event) => event.currentTarget.select()}
                className="min-w-0 flex-1 rounded border border-stone-300 bg-stone-50 px-3 py-1.5 font-mono text-sm"
              />
              {enhanced ? (
                <button type="button" className={SECONDARY} onClick={() => void copy()}>
                  {copied === url ? labels.copied : labels.copy}
                </button>
              ) : null}
            </span>
          </p>
          <form action={revoke}>
            {hidden}
            <SubmitButton pendingLabel={labels.pending} className={`${SECONDARY} text-red-800`}>
              {labels.revoke}
            </SubmitButton>
          </form>
        </>
      ) : (
        <form action={create}>
          {hidden}
          <SubmitButton pendingLabel={labels.pending} className={SECONDARY}>
            {labels.create}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
