"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2";
const secondary = "rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100";
const primary = "rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60";

/**
 * A small in-page dialog (the native <dialog>, modal: focus stays inside, Escape closes it) with its own
 * form: pressing Enter in it inserts, and never submits the post's form around it.
 */
function EditorDialog({ title, onClose, onSubmit, submitLabel, cancelLabel, canSubmit = true, children }: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  cancelLabel: string;
  canSubmit?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-stone-300 p-5 shadow-xl backdrop:bg-black/40">
      <h2 id={titleId} className="mb-3 font-semibold">
        {title}
      </h2>
      <div
        className="space-y-3"
        onKeyDown={(event) => {
          if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
            event.preventDefault();
            if (canSubmit) onSubmit();
          }
        }}
      >
        {children}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <button type="button" className={secondary} onClick={() => ref.current?.close()}>
            {cancelLabel}
          </button>
          <button type="button" className={primary} disabled={!canSubmit} onClick={onSubmit}>
            {submitLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}

export type DialogLabels = { insert: string; cancel: string };

/** « Lien »: the text (the selection, if any) and the address. */
export function LinkDialog({ labels, initialText, onInsert, onClose }: {
  labels: DialogLabels & { title: string; text: string; url: string; invalid: string };
  initialText: string;
  onInsert: (text: string, url: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(initialText);
  const [url, setUrl] = useState("https://");
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const address = url.trim();
    if (!/^(https?:\/\/[^\s/]+\S*|mailto:\S+@\S+)$/i.test(address)) return setError(labels.invalid);
    onInsert(text.trim() || address, address);
  };
  return (
    <EditorDialog title={labels.title} onClose={onClose} onSubmit={submit} submitLabel={labels.insert} cancelLabel={labels.cancel}>
      <label className="block text-sm font-semibold">
        {labels.text}
        <input className={input} value={text} onChange={(event) => setText(event.currentTarget.value)} />
      </label>
      <label className="block text-sm font-semibold">
        {labels.url}
        <input className={input} type="url" value={url} autoFocus onChange={(event) => setUrl(event.currentTarget.value)} aria-invalid={error ? true : undefined} />
      </label>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </EditorDialog>
  );
}

export type ImageUploadState = { name: string; progress: number; done: { path: string; src: string } | null; error: string | null };

/**
 * « Image », a dropped or a pasted file: the alternative text is asked for while the file uploads (its
 * progress shown); without a file, an address can be given instead.
 */
export function ImageDialog({ labels, upload, onInsert, onClose }: {
  labels: DialogLabels & { title: string; alt: string; url: string; uploading: string };
  upload: ImageUploadState | null;
  onInsert: (alt: string, url: string | null) => void;
  onClose: () => void;
}) {
  const [alt, setAlt] = useState("");
  const [url, setUrl] = useState("https://");
  const ready = upload ? upload.done !== null : /^https?:\/\/[^\s/]+\S*$/i.test(url.trim());
  return (
    <EditorDialog
      title={labels.title}
      onClose={onClose}
      onSubmit={() => onInsert(alt, upload ? null : url.trim())}
      submitLabel={labels.insert}
      cancelLabel={labels.cancel}
      canSubmit={ready}
    >
      {upload ? (
        <div className="space-y-1 text-sm">
          <p>
            {labels.uploading} <span className="text-[var(--color-muted)]">{upload.name}</span>
          </p>
          <progress className="w-full" max={1} value={upload.progress} aria-label={labels.uploading} />
          {upload.done ? (
            // eslint-disable-next-line @next/next/no-img-element -- the image just uploaded, from the blog's host
            <img src={upload.done.src} alt="" className="max-h-40 rounded" />
          ) : null}
          {upload.error ? (
            <p role="alert" className="font-semibold text-red-800">
              {upload.error}
            </p>
          ) : null}
        </div>
      ) : (
        <label className="block text-sm font-semibold">
          {labels.url}
          <input className={input} type="url" value={url} onChange={(event) => setUrl(event.currentTarget.value)} />
        </label>
      )}
      <label className="block text-sm font-semibold">
        {labels.alt}
        <input className={input} value={alt} autoFocus maxLength={300} onChange={(event) => setAlt(event.currentTarget.value)} />
      </label>
    </EditorDialog>
  );
}
