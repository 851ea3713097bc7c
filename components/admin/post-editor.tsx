"use client";

import { useActionState, useCallback, useEffect, useRef, useState, useSyncExternalStore, type ClipboardEvent, type DragEvent, type FormEvent } from "react";
import { markdownImage } from "@/lib/media/format";
import { previewMarkdown, saveEditorPost } from "@/lib/posts/actions";
import { SEO_DESCRIPTION_MAX, SEO_TITLE_MAX } from "@/lib/posts/seo";
import { countWords } from "@/lib/posts/word-count";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ImageDialog, LinkDialog, type ImageUploadState } from "./editor-dialogs";
import { uploadImage } from "./editor-upload";
import { useAutosave, type Text } from "./use-autosave";

export type EditorLabels = Record<
  | "title" | "slug" | "slugHint" | "body" | "bodyHint" | "excerpt" | "excerptHint" | "category" | "categoryHint" | "tags"
  | "tagsHint" | "cover" | "coverNone" | "scheduledFor" | "saveDraft" | "publish" | "update" | "schedule" | "unpublish"
  | "preview" | "previewTitle" | "previewEmpty" | "saving" | "unsavedWarning" | "toolbarLabel" | "toolBold" | "toolItalic"
  | "toolHeading" | "toolLink" | "toolList" | "toolQuote" | "toolImage" | "insertMedia" | "insert"
  | "confirmMailingSubmit" | "confirmMailingLaterSubmit" | "confirmCancel" | "overwriteSubmit" | "conflictAutosave" | "conflictTakeOther"
  | "conflictKeepMine" | "autosaved" | "autosavedPending" | "autosaving" | "offline" | "localFound"
  | "localRestore" | "localDismiss" | "wordCount" | "upload" | "uploading" | "uploadOffline" | "dropHint" | "imageDialogTitle"
  | "imageAlt" | "imageUrl" | "linkDialogTitle" | "linkText" | "linkUrl" | "dialogInsert" | "dialogCancel" | "linkInvalid"
  | "seoSection" | "seoTitle" | "seoTitleHint" | "seoDescription" | "seoDescriptionHint",
  string
>;

export type EditorInitial = {
  blogId: number;
  blogSlug: string;
  postId?: number;
  status: "draft" | "scheduled" | "published";
  title: string;
  slug: string;
  body: string;
  excerpt: string;
  category: string;
  tags: string;
  scheduledFor: string;
  coverMediaId: string;
  seoTitle: string;
  seoDescription: string;
  editVersion: number;
  /** When the server last saved this text (the post, or its pending revision); 0 for a new post. */
  savedAt: number;
};

type Edit = { text: string; select?: [number, number] };
const TOOLS = ["toolBold", "toolItalic", "toolHeading", "toolLink", "toolList", "toolQuote", "toolImage"] as const;
// Ctrl (⌘ on a Mac) with B, I or K in the text: bold, italics and a link, as in every editor.
const SHORTCUTS: Partial<Record<string, (typeof TOOLS)[number]>> = { b: "toolBold", i: "toolItalic", k: "toolLink" };
const shortcutOf = (tool: (typeof TOOLS)[number]) => {
  const key = Object.keys(SHORTCUTS).find((letter) => SHORTCUTS[letter] === tool);
  return key ? `Control+${key.toUpperCase()} Meta+${key.toUpperCase()}` : undefined;
};
type Tool = (typeof TOOLS)[number];
type Dialog = { kind: "link"; selected: string } | { kind: "image"; upload: ImageUploadState | null };

/** `{name}` and `{name, plural, =0 {…} one {…} other {…}}` of a label filled in the browser (the live figures). */
function fill(label: string, values: Record<string, string | number>): string {
  return label
    .replace(/\{(\w+), plural, ((?:[^{}]|\{[^{}]*\})*)\}/g, (_, name: string, forms: string) => {
      const count = Number(values[name]);
      const choices = Object.fromEntries([...forms.matchAll(/(=\d+|one|other)\s*\{([^{}]*)\}/g)].map((match) => [match[1], match[2]]));
      return (choices[`=${count}`] ?? (count === 1 ? choices.one : choices.other) ?? "").replace(/#/g, String(count));
    })
    .replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

const SECONDARY = "rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100";

/** A question the editor asks in the page (a copy found in this browser, another tab's version): a few buttons. */
function Choice({ message, choices }: { message: string; choices: [string, () => void][] }) {
  return (
    <div role="alert" className="space-y-2 rounded border-2 border-amber-700 bg-amber-50 p-3">
      <p>{message}</p>
      <div className="flex flex-wrap gap-2">
        {choices.map(([label, onClick]) => (
          <button key={label} type="button" className={SECONDARY} onClick={onClick}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * The post editor: fields, a Markdown toolbar for bloggers who don't know Markdown, images uploaded where
 * one writes, a live preview by the public renderer, autosave, and the publishing buttons. Without
 * JavaScript it is a plain form (with a preview button), and publishing still asks before mailing.
 */
export function PostEditor({
  labels,
  initial,
  categories,
  media,
  mediaOrigin,
  language,
  timeZone,
  autoExcerpt,
}: {
  labels: EditorLabels;
  initial: EditorInitial;
  categories: string[];
  media: { id: number; url: string; alt: string }[];
  /** The blog's own address: its images are served there, not on the platform's host. */
  mediaOrigin: string;
  language: string;
  timeZone: string;
  /** The summary the text gives when the blogger has not written one. */
  autoExcerpt: string;
}) {
  const [state, formAction, isPending] = useActionState(saveEditorPost, null);
  const values = state?.values ?? {};
  const errors = state && !state.ok ? state.fieldErrors : {};
  const value = (name: keyof EditorInitial) => values[name] ?? String(initial[name] ?? "");
  const [body, setBody] = useState(value("body"));
  // The live preview's HTML, or the message that says why there is none (too complex, too many previews).
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null);
  const key = state ? JSON.stringify(state.ok ? state.values : state) : "initial";
  // True once hydrated: the toolbar, autosave and live preview need JavaScript, the plain form does not.
  const enhanced = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // The text as typed this instant (state lags by a render): what autosave and the toolbar work on.
  const bodyNow = useRef(body);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // Where the image goes: the cursor when the file was chosen, dropped or pasted.
  const insertAt = useRef<[number, number]>([0, 0]);
  const [confirmDismissed, setConfirmDismissed] = useState<string | null>(null);

  const readText = useCallback((): Text => {
    const title = formRef.current?.elements.namedItem("title");
    return { title: title instanceof HTMLInputElement ? title.value : "", body: bodyNow.current };
  }, []);
  const onCreated = useCallback(
    (postId: number) => {
      // A reload, or the tab reopened after a crash, now opens this draft.
      window.history.replaceState(null, "", `/admin/${initial.blogSlug}/articles/${postId}`);
    },
    [initial.blogSlug],
  );
  const autosave = useAutosave({
    blogId: initial.blogId,
    postId: initial.postId,
    editVersion: initial.editVersion,
    saved: { title: initial.title, body: initial.body },
    savedAt: initial.savedAt,
    read: readText,
    paused: isPending,
    onCreated,
  });

  // A save of the whole form: the server holds this text now, at a new version.
  useEffect(() => {
    if (state?.ok) autosave.savedByForm({ title: state.values.title ?? "", body: state.values.body ?? "" }, state.values.baseVersion ? Number(state.values.baseVersion) : undefined);
    // Once per result of the action.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  useEffect(() => {
    if (!enhanced) return;
    const timer = setTimeout(() => {
      previewMarkdown({ blogId: initial.blogId, markdown: body })
        .then((result) => setPreview(result.ok ? { html: result.html } : { error: result.error }))
        // Offline: the last preview stays; the autosave's state says what happened.
        .catch(() => undefined);
    }, 600);
    return () => clearTimeout(timer);
  }, [body, enhanced, initial.blogId]);

  // Leaving is safe once the text is on the server or in this browser's copy; only a failed save warns.
  const unsafe = autosave.state.kind === "refused" || autosave.state.kind === "conflict";
  useEffect(() => {
    if (!unsafe) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsafe]);

  const setText = (text: Text) => {
    const title = formRef.current?.elements.namedItem("title");
    if (title instanceof HTMLInputElement) title.value = text.title;
    bodyNow.current = text.body;
    setBody(text.body);
  };

  const replaceRange = (start: number, end: number, edit: Edit) => {
    const area = bodyRef.current;
    const current = bodyNow.current;
    const next = current.slice(0, start) + edit.text + current.slice(end);
    bodyNow.current = next;
    setBody(next);
    autosave.changed();
    requestAnimationFrame(() => {
      if (!area) return;
      area.focus();
      const [from, to] = edit.select ?? [edit.text.length, edit.text.length];
      area.setSelectionRange(start + from, start + to);
    });
  };

  // Bold and italic wrap the selection, or a placeholder left selected so that typing replaces it.
  const wrap = (mark: string, selected: string, placeholder: string): Edit => {
    const inner = selected || placeholder;
    return { text: `${mark}${inner}${mark}`, select: [mark.length, mark.length + inner.length] };
  };
  // Headings, lists and quotes start lines: on a line of their own, the placeholder (or the selection) selected.
  const prefixLines = (prefix: string, selected: string, before: string, placeholder: string): Edit => {
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const lines = (selected || placeholder).split("\n").map((line) => `${prefix}${line}`);
    const text = `${lead}${lines.join("\n")}\n`;
    return { text, select: selected ? [lead.length, text.length - 1] : [lead.length + prefix.length, text.length - 1] };
  };
  const openDialog = (next: Dialog) => {
    const area = bodyRef.current;
    insertAt.current = area ? [area.selectionStart, area.selectionEnd] : [bodyNow.current.length, bodyNow.current.length];
    setDialog(next);
  };

  const applyTool = (tool: Tool) => {
    const area = bodyRef.current;
    if (!area) return;
    const { selectionStart: start, selectionEnd: end } = area;
    const selected = bodyNow.current.slice(start, end);
    const before = bodyNow.current.slice(0, start);
    const label = labels[tool];
    if (tool === "toolLink") return openDialog({ kind: "link", selected });
    if (tool === "toolImage") return openDialog({ kind: "image", upload: null });
    const edit =
      tool === "toolBold"
        ? wrap("**", selected, label)
        : tool === "toolItalic"
          ? wrap("*", selected, label)
          : prefixLines(tool === "toolHeading" ? "## " : tool === "toolList" ? "- " : "> ", selected, before, label);
    replaceRange(start, end, edit);
  };

  const insertBlock = (markdown: string) => {
    const [start, end] = insertAt.current;
    const before = bodyNow.current.slice(0, start);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    replaceRange(start, end, { text: `${lead}${markdown}\n` });
  };

  const startUpload = (file: File) => {
    openDialog({ kind: "image", upload: { name: file.name, progress: 0, done: null, error: null } });
    const update = (change: Partial<ImageUploadState>) =>
      setDialog((current) => (current?.kind === "image" && current.upload ? { kind: "image", upload: { ...current.upload, ...change } } : current));
    void uploadImage(initial.blogSlug, file, (progress) => update({ progress }), labels.uploadOffline).then((answer) =>
      update(answer.ok ? { progress: 1, done: { path: answer.path, src: answer.src } } : { error: answer.error }),
    );
  };
  const imageFile = (files: FileList | null | undefined) => [...(files ?? [])].find((file) => file.type.startsWith("image/"));
  const onDrop = (event: DragEvent<HTMLTextAreaElement>) => {
    const file = imageFile(event.dataTransfer.files);
    if (!file) return;
    event.preventDefault();
    startUpload(file);
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = imageFile(event.clipboardData.files);
    if (!file) return;
    event.preventDefault();
    startUpload(file);
  };

  // A form sent while an autosave is on its way waits for it: it must carry the post's id and version.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const pending = autosave.inflight.current;
    if (!pending) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void pending.then(() => formRef.current?.requestSubmit(submitter instanceof HTMLElement ? submitter : undefined));
  };

  const withOrigin = (html: string) => html.replaceAll('src="/medias/', `src="${mediaOrigin}/medias/`);
  const previewHtml = state?.ok && state.previewHtml !== undefined ? state.previewHtml : preview && "html" in preview ? preview.html : null;
  const previewError = state?.ok && state.previewHtml !== undefined ? null : preview && "error" in preview ? preview.error : null;
  const isPublic = initial.status === "published";
  const confirming = state && !state.ok && (state.code === "confirm-mailing" || state.code === "conflict") && confirmDismissed !== key ? state : null;
  const secondary = SECONDARY;
  const time = (at: number) => new Intl.DateTimeFormat(language, { timeStyle: "short", timeZone }).format(at);
  const dateTime = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone }).format(at);
  const status = autosave.state;
  const { words, minutes } = countWords(body);

  return (
    <form ref={formRef} action={formAction} key={key} onChange={autosave.changed} onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-2" noValidate>
      {/* Enter in a field submits with the form's first button: this one, disabled, so Enter never publishes. */}
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      <div className="min-w-0 space-y-4">
        {confirming ? (
          <div role="alert" className="space-y-3 rounded border-2 border-amber-700 bg-amber-50 p-4">
            <p className="font-semibold">{confirming.error}</p>
            <input type="hidden" name={confirming.code === "conflict" ? "overwrite" : "confirmMailing"} value="1" />
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="intent" value={values.intent || "publish"} pendingLabel={labels.saving}>
                {confirming.code === "conflict" ? labels.overwriteSubmit : values.intent === "schedule" ? labels.confirmMailingLaterSubmit : labels.confirmMailingSubmit}
              </SubmitButton>
              {enhanced ? (
                <button type="button" className={secondary} onClick={() => setConfirmDismissed(key)}>
                  {labels.confirmCancel}
                </button>
              ) : null}
            </div>
          </div>
        ) : (
          <FormMessage state={state} />
        )}
        {autosave.found ? (
          <Choice
            message={fill(labels.localFound, { date: dateTime(autosave.found.at) })}
            choices={[
              [
                labels.localRestore,
                () => {
                  if (!autosave.found) return;
                  setText(autosave.found);
                  autosave.takeFound();
                  autosave.changed();
                },
              ],
              [labels.localDismiss, autosave.dismissFound],
            ]}
          />
        ) : null}
        {status.kind === "conflict" ? (
          <Choice
            message={fill(labels.conflictAutosave, { time: time(status.other.savedAt) })}
            choices={[
              [
                labels.conflictTakeOther,
                () => {
                  const other = autosave.resolveConflict(false);
                  if (other) setText(other);
                },
              ],
              [labels.conflictKeepMine, () => autosave.resolveConflict(true)],
            ]}
          />
        ) : null}
        <input type="hidden" name="blogId" value={initial.blogId} />
        {autosave.postId !== undefined || values.postId ? <input type="hidden" name="postId" value={autosave.postId ?? values.postId} /> : null}
        <input type="hidden" name="baseVersion" value={autosave.version} />
        <Field name="title" label={labels.title} required maxLength={200} defaultValue={value("title")} error={errors.title} />
        <Field name="slug" label={labels.slug} hint={labels.slugHint} maxLength={80} defaultValue={value("slug")} error={errors.slug} spellCheck={false} />
        {enhanced ? (
          <div role="toolbar" aria-label={labels.toolbarLabel} className="flex flex-wrap gap-1">
            {TOOLS.map((tool) => (
              <button key={tool} type="button" onClick={() => applyTool(tool)} aria-keyshortcuts={shortcutOf(tool)} className="rounded border border-stone-300 bg-white px-2 py-1 text-sm hover:bg-stone-100">
                {labels[tool]}
              </button>
            ))}
            <label className="cursor-pointer rounded border border-stone-300 bg-white px-2 py-1 text-sm hover:bg-stone-100 has-[:focus-visible]:outline has-[:focus-visible]:outline-2">
              {labels.upload}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                className="sr-only"
                onChange={(event) => {
                  const file = imageFile(event.currentTarget.files);
                  event.currentTarget.value = "";
                  if (file) startUpload(file);
                }}
              />
            </label>
          </div>
        ) : null}
        <p className="space-y-1">
          <label htmlFor="champ-body" className="block text-sm font-semibold">
            {labels.body}
          </label>
          <textarea
            id="champ-body"
            ref={bodyRef}
            name="body"
            rows={18}
            value={body}
            onChange={(event) => {
              bodyNow.current = event.currentTarget.value;
              setBody(event.currentTarget.value);
            }}
            onDrop={onDrop}
            onPaste={onPaste}
            onKeyDown={(event) => {
              const tool = SHORTCUTS[event.key.toLowerCase()];
              if (!tool || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
              event.preventDefault();
              applyTool(tool);
            }}
            aria-describedby="champ-body-aide champ-body-compte"
            aria-invalid={errors.body ? true : undefined}
            className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 font-mono text-sm"
          />
          <span id="champ-body-aide" className="block text-sm text-[var(--color-muted)]">
            {labels.bodyHint} {enhanced ? labels.dropHint : null}
          </span>
          {errors.body ? <span className="block text-sm font-semibold text-red-800">{errors.body}</span> : null}
        </p>
        <p className="flex flex-wrap justify-between gap-2 text-sm text-[var(--color-muted)]">
          <span id="champ-body-compte">{fill(labels.wordCount, { words, minutes })}</span>
          {enhanced ? (
            <span role="status" data-testid="etat-sauvegarde" className={status.kind === "offline" || status.kind === "refused" ? "font-semibold text-amber-900" : undefined}>
              {status.kind === "saving"
                ? labels.autosaving
                : status.kind === "saved"
                  ? fill(status.pending ? labels.autosavedPending : labels.autosaved, { time: time(status.at) })
                  : status.kind === "offline"
                    ? labels.offline
                    : status.kind === "refused"
                      ? status.error
                      : ""}
            </span>
          ) : null}
        </p>
        {media.length > 0 && enhanced ? (
          <details className="rounded border border-stone-300 bg-white p-3 text-sm">
            <summary className="cursor-pointer font-semibold">{labels.insertMedia}</summary>
            <ul className="mt-2 grid grid-cols-3 gap-2">
              {media.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    onClick={() => {
                      const area = bodyRef.current;
                      insertAt.current = area ? [area.selectionStart, area.selectionEnd] : [body.length, body.length];
                      insertBlock(markdownImage(item));
                    }}
                    className="block w-full text-left"
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail of the blog's own upload, from its host */}
                    <img src={`${mediaOrigin}${item.url}`} alt={item.alt} className="h-20 w-full rounded object-cover" />
                    <span className="underline">{labels.insert}</span>
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <TextArea
          name="excerpt"
          label={labels.excerpt}
          hint={autoExcerpt && !value("excerpt") ? `${labels.excerptHint} ${autoExcerpt}` : labels.excerptHint}
          maxLength={500}
          rows={3}
          defaultValue={value("excerpt")}
          error={errors.excerpt}
        />
        <Field name="category" label={labels.category} hint={labels.categoryHint} list="categories-existantes" maxLength={60} defaultValue={value("category")} error={errors.category} />
        <datalist id="categories-existantes">
          {categories.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field name="tags" label={labels.tags} hint={labels.tagsHint} maxLength={400} defaultValue={value("tags")} error={errors.tags} />
        {media.length > 0 ? (
          <p className="space-y-1">
            <label htmlFor="champ-cover" className="block text-sm font-semibold">
              {labels.cover}
            </label>
            <select id="champ-cover" name="coverMediaId" defaultValue={value("coverMediaId")} className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2">
              <option value="">{labels.coverNone}</option>
              {media.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.alt || item.url}
                </option>
              ))}
            </select>
          </p>
        ) : null}
        {/* Open when it holds something (or a field to fix): folded, what it holds would be forgotten. */}
        <details open={Boolean(value("seoTitle") || value("seoDescription") || errors.seoTitle || errors.seoDescription)} className="rounded border border-stone-300 bg-white p-3">
          <summary className="cursor-pointer font-semibold">{labels.seoSection}</summary>
          <div className="mt-3 space-y-4">
            <Field name="seoTitle" label={labels.seoTitle} hint={labels.seoTitleHint} maxLength={SEO_TITLE_MAX} defaultValue={value("seoTitle")} error={errors.seoTitle} />
            <TextArea
              name="seoDescription"
              label={labels.seoDescription}
              hint={labels.seoDescriptionHint}
              maxLength={SEO_DESCRIPTION_MAX}
              rows={2}
              defaultValue={value("seoDescription")}
              error={errors.seoDescription}
            />
          </div>
        </details>
        <Field name="scheduledFor" label={labels.scheduledFor} type="datetime-local" defaultValue={value("scheduledFor")} error={errors.scheduledFor} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="intent" value="publish" pendingLabel={labels.saving}>
            {isPublic ? labels.update : labels.publish}
          </SubmitButton>
          {isPublic ? null : (
            <SubmitButton name="intent" value="draft" pendingLabel={labels.saving} className={secondary}>
              {labels.saveDraft}
            </SubmitButton>
          )}
          <SubmitButton name="intent" value="schedule" pendingLabel={labels.saving} className={secondary}>
            {labels.schedule}
          </SubmitButton>
          {initial.status !== "draft" ? (
            <SubmitButton name="intent" value="unpublish" pendingLabel={labels.saving} className={secondary}>
              {labels.unpublish}
            </SubmitButton>
          ) : null}
          {enhanced ? null : (
            <SubmitButton name="intent" value="preview" pendingLabel={labels.saving} className={secondary}>
              {labels.preview}
            </SubmitButton>
          )}
        </div>
      </div>
      <section aria-labelledby="apercu-titre" className="min-w-0 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="apercu-titre" className="mb-3 text-sm font-semibold uppercase tracking-wide text-[var(--color-muted)]">
          {labels.previewTitle}
        </h2>
        {previewError ? (
          <p role="status" className="text-[var(--color-muted)]" data-testid="apercu-refuse">
            {previewError}
          </p>
        ) : previewHtml ? (
          <div className="prose prose-stone max-w-none" data-testid="apercu" dangerouslySetInnerHTML={{ __html: withOrigin(previewHtml) }} />
        ) : (
          <p className="text-[var(--color-muted)]">{labels.previewEmpty}</p>
        )}
      </section>
      {dialog?.kind === "link" ? (
        <LinkDialog
          labels={{ title: labels.linkDialogTitle, text: labels.linkText, url: labels.linkUrl, invalid: labels.linkInvalid, insert: labels.dialogInsert, cancel: labels.dialogCancel }}
          initialText={dialog.selected}
          onClose={() => setDialog(null)}
          onInsert={(text, url) => {
            setDialog(null);
            const [start, end] = insertAt.current;
            replaceRange(start, end, { text: `[${text.replace(/[\\[\]]/g, "\\$&")}](${url})` });
          }}
        />
      ) : dialog?.kind === "image" ? (
        <ImageDialog
          labels={{ title: labels.imageDialogTitle, alt: labels.imageAlt, url: labels.imageUrl, uploading: labels.uploading, insert: labels.dialogInsert, cancel: labels.dialogCancel }}
          upload={dialog.upload}
          onClose={() => setDialog(null)}
          onInsert={(alt, url) => {
            const path = dialog.upload?.done?.path ?? url;
            setDialog(null);
            if (path) insertBlock(markdownImage({ alt, url: path }));
          }}
        />
      ) : null}
    </form>
  );
}
