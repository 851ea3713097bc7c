"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { markdownImage } from "@/lib/media/format";
import { previewMarkdown, saveEditorPost } from "@/lib/posts/actions";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type EditorLabels = Record<
  | "title" | "slug" | "slugHint" | "body" | "bodyHint" | "excerpt" | "excerptHint" | "category" | "categoryHint" | "tags"
  | "tagsHint" | "cover" | "coverNone" | "scheduledFor" | "saveDraft" | "publish" | "update" | "schedule" | "unpublish"
  | "preview" | "previewTitle" | "previewEmpty" | "saving" | "unsavedWarning" | "toolbarLabel" | "toolBold" | "toolItalic"
  | "toolHeading" | "toolLink" | "toolList" | "toolQuote" | "toolImage" | "linkPrompt" | "imagePrompt" | "insertMedia" | "insert",
  string
>;

export type EditorInitial = {
  blogId: number;
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
};

type Tool = { label: string; apply: (selected: string) => { text: string; select?: [number, number] } | null };

/**
 * The post editor: fields, a Markdown toolbar for bloggers who don't know Markdown, a live preview by the
 * public renderer, and the publishing buttons. Without JavaScript it is a plain form (with a preview button).
 */
export function PostEditor({
  labels,
  initial,
  categories,
  media,
}: {
  labels: EditorLabels;
  initial: EditorInitial;
  categories: string[];
  media: { id: number; url: string; alt: string }[];
}) {
  const [state, formAction] = useActionState(saveEditorPost, null);
  const values = state?.values ?? {};
  const errors = state && !state.ok ? state.fieldErrors : {};
  const value = (name: keyof EditorInitial) => values[name] ?? String(initial[name] ?? "");
  const [body, setBody] = useState(value("body"));
  // The live preview's HTML, or the message that says why there is none (too complex, too many previews).
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null);
  const key = state ? JSON.stringify(state.ok ? state.values : state) : "initial";
  // Changes are "unsaved" until the next result of the action (a new key).
  const [dirtyFor, setDirtyFor] = useState<string | null>(null);
  const dirty = dirtyFor === key;
  const setDirty = () => setDirtyFor(key);
  // True once hydrated: the toolbar and live preview need JavaScript, the plain form does not.
  const enhanced = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!enhanced) return;
    const timer = setTimeout(() => {
      void previewMarkdown({ blogId: initial.blogId, markdown: body }).then((result) => setPreview(result.ok ? { html: result.html } : { error: result.error }));
    }, 600);
    return () => clearTimeout(timer);
  }, [body, enhanced, initial.blogId]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const applyTool = (tool: Tool) => {
    const area = bodyRef.current;
    if (!area) return;
    const { selectionStart: start, selectionEnd: end } = area;
    const result = tool.apply(body.slice(start, end));
    if (!result) return;
    const next = body.slice(0, start) + result.text + body.slice(end);
    setBody(next);
    setDirty();
    requestAnimationFrame(() => {
      area.focus();
      const [from, to] = result.select ?? [result.text.length, result.text.length];
      area.setSelectionRange(start + from, start + to);
    });
  };

  const wrap = (before: string, after: string, placeholder: string) => (selected: string) => {
    const inner = selected || placeholder;
    return { text: `${before}${inner}${after}`, select: [before.length, before.length + inner.length] as [number, number] };
  };
  const prefixLines = (prefix: string, placeholder: string) => (selected: string) => {
    const lines = (selected || placeholder).split("\n").map((line) => `${prefix}${line}`);
    return { text: `\n${lines.join("\n")}\n` };
  };
  const tools: Tool[] = [
    { label: labels.toolBold, apply: wrap("**", "**", labels.toolBold) },
    { label: labels.toolItalic, apply: wrap("*", "*", labels.toolItalic) },
    { label: labels.toolHeading, apply: prefixLines("## ", labels.toolHeading) },
    {
      label: labels.toolLink,
      apply: (selected) => {
        const url = window.prompt(labels.linkPrompt, "https://");
        return url ? { text: `[${selected || url}](${url})` } : null;
      },
    },
    { label: labels.toolList, apply: prefixLines("- ", labels.toolList) },
    { label: labels.toolQuote, apply: prefixLines("> ", "« … »") },
    {
      label: labels.toolImage,
      apply: (selected) => {
        const url = window.prompt(labels.imagePrompt, "https://");
        return url ? { text: `\n![${selected}](${url})\n` } : null;
      },
    },
  ];

  const previewHtml = state?.ok && state.previewHtml !== undefined ? state.previewHtml : preview && "html" in preview ? preview.html : null;
  const previewError = state?.ok && state.previewHtml !== undefined ? null : preview && "error" in preview ? preview.error : null;
  const isPublic = initial.status === "published";
  return (
    <form action={formAction} key={key} onChange={setDirty} className="grid gap-8 lg:grid-cols-2" noValidate>
      <div className="space-y-4">
        <FormMessage state={state} />
        <input type="hidden" name="blogId" value={initial.blogId} />
        {values.postId || initial.postId ? <input type="hidden" name="postId" value={values.postId || initial.postId} /> : null}
        <Field name="title" label={labels.title} required maxLength={200} defaultValue={value("title")} error={errors.title} />
        <Field name="slug" label={labels.slug} hint={labels.slugHint} maxLength={80} defaultValue={value("slug")} error={errors.slug} spellCheck={false} />
        {enhanced ? (
          <div role="toolbar" aria-label={labels.toolbarLabel} className="flex flex-wrap gap-1">
            {tools.map((tool) => (
              <button key={tool.label} type="button" onClick={() => applyTool(tool)} className="rounded border border-stone-300 bg-white px-2 py-1 text-sm hover:bg-stone-100">
                {tool.label}
              </button>
            ))}
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
            onChange={(event) => setBody(event.currentTarget.value)}
            aria-describedby="champ-body-aide"
            aria-invalid={errors.body ? true : undefined}
            className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 font-mono text-sm"
          />
          <span id="champ-body-aide" className="block text-sm text-[var(--color-muted)]">
            {labels.bodyHint}
          </span>
          {errors.body ? <span className="block text-sm font-semibold text-red-800">{errors.body}</span> : null}
        </p>
        {media.length > 0 && enhanced ? (
          <details className="rounded border border-stone-300 bg-white p-3 text-sm">
            <summary className="cursor-pointer font-semibold">{labels.insertMedia}</summary>
            <ul className="mt-2 grid grid-cols-3 gap-2">
              {media.map((item) => (
                <li key={item.id}>
                  <button type="button" onClick={() => applyTool({ label: labels.insert, apply: () => ({ text: `\n${markdownImage(item)}\n` }) })} className="block w-full text-left">
                    {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail of the blog's own upload */}
                    <img src={item.url} alt={item.alt} className="h-20 w-full rounded object-cover" />
                    <span className="underline">{labels.insert}</span>
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <TextArea name="excerpt" label={labels.excerpt} hint={labels.excerptHint} maxLength={500} rows={3} defaultValue={value("excerpt")} error={errors.excerpt} />
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
        <Field name="scheduledFor" label={labels.scheduledFor} type="datetime-local" defaultValue={value("scheduledFor")} error={errors.scheduledFor} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton name="intent" value="publish" pendingLabel={labels.saving}>
            {isPublic ? labels.update : labels.publish}
          </SubmitButton>
          {isPublic ? null : (
            <SubmitButton name="intent" value="draft" pendingLabel={labels.saving} className="rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
              {labels.saveDraft}
            </SubmitButton>
          )}
          <SubmitButton name="intent" value="schedule" pendingLabel={labels.saving} className="rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
            {labels.schedule}
          </SubmitButton>
          {initial.status !== "draft" ? (
            <SubmitButton name="intent" value="unpublish" pendingLabel={labels.saving} className="rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
              {labels.unpublish}
            </SubmitButton>
          ) : null}
          {enhanced ? null : (
            <SubmitButton name="intent" value="preview" pendingLabel={labels.saving} className="rounded border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
              {labels.preview}
            </SubmitButton>
          )}
        </div>
        {dirty ? (
          <p role="status" className="text-sm text-amber-800">
            {labels.unsavedWarning}
          </p>
        ) : null}
      </div>
      <section aria-labelledby="apercu-titre" className="rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="apercu-titre" className="mb-3 text-sm font-semibold uppercase tracking-wide text-[var(--color-muted)]">
          {labels.previewTitle}
        </h2>
        {previewError ? (
          <p role="status" className="text-[var(--color-muted)]" data-testid="apercu-refuse">
            {previewError}
          </p>
        ) : previewHtml ? (
          <div className="prose prose-stone max-w-none" data-testid="apercu" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        ) : (
          <p className="text-[var(--color-muted)]">{labels.previewEmpty}</p>
        )}
      </section>
    </form>
  );
}
