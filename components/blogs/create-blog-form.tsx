"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { checkBlogSlugAvailability, createMyBlog } from "@/lib/blogs/actions";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export type CreateBlogLabels = Record<
  | "accountLegend" | "blogLegend" | "name" | "email" | "password" | "passwordHint" | "blogTitle" | "slug" | "slugHint"
  | "description" | "language" | "languageFr" | "languageEn" | "submit" | "pending" | "slugChecking",
  string
>;

/** "Créer mon blog": the account (when signed out) and the blog, in one form that also works without JavaScript. */
export function CreateBlogForm({ labels, signedIn, initialSlug }: { labels: CreateBlogLabels; signedIn: boolean; initialSlug: string }) {
  const [state, formAction] = useActionState(createMyBlog, null);
  const values = state && !state.ok ? state.values : {};
  const errors = state && !state.ok ? state.fieldErrors : {};
  const [slug, setSlug] = useState(values.slug ?? initialSlug);
  const [slugNote, setSlugNote] = useState<{ ok: boolean; text: string } | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (slug.length === 0) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      setSlugNote({ ok: true, text: labels.slugChecking });
      void checkBlogSlugAvailability(slug).then((answer) => {
        if (request === latest.current) setSlugNote(answer.ok ? { ok: answer.status === "available", text: answer.message } : { ok: false, text: answer.error });
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [slug, labels.slugChecking]);

  const key = state ? JSON.stringify(state) : "initial";
  return (
    <form action={formAction} className="space-y-6" noValidate key={key}>
      <FormMessage state={state} />
      {signedIn ? null : (
        <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-5">
          <legend className="px-1 font-serif text-lg font-bold">{labels.accountLegend}</legend>
          <Field name="name" label={labels.name} autoComplete="name" required maxLength={80} defaultValue={values.name} error={errors.name} />
          <Field name="email" label={labels.email} type="email" autoComplete="email" required defaultValue={values.email} error={errors.email} />
          <Field name="password" label={labels.password} type="password" autoComplete="new-password" required hint={labels.passwordHint} error={errors.password} />
        </fieldset>
      )}
      <fieldset className="space-y-4 rounded-lg border border-stone-300 bg-white p-5">
        <legend className="px-1 font-serif text-lg font-bold">{labels.blogLegend}</legend>
        <Field name="title" label={labels.blogTitle} required maxLength={100} defaultValue={values.title} error={errors.title} />
        <div>
          <Field
            name="slug"
            label={labels.slug}
            required
            maxLength={30}
            autoComplete="off"
            spellCheck={false}
            hint={labels.slugHint}
            defaultValue={slug}
            onChange={(event) => setSlug(event.currentTarget.value.trim().toLowerCase())}
            error={errors.slug}
          />
          <p aria-live="polite" className={`text-sm font-semibold ${slugNote?.ok === false ? "text-red-800" : "text-green-800"}`}>
            {errors.slug ? null : slugNote?.text}
          </p>
        </div>
        <TextArea name="description" label={labels.description} maxLength={300} rows={3} defaultValue={values.description} error={errors.description} />
        <p className="space-y-1">
          <label htmlFor="champ-language" className="block text-sm font-semibold">
            {labels.language}
          </label>
          <select id="champ-language" name="language" defaultValue={values.language ?? "fr"} className="mt-1 block rounded border border-stone-300 bg-white px-3 py-2">
            <option value="fr">{labels.languageFr}</option>
            <option value="en">{labels.languageEn}</option>
          </select>
        </p>
      </fieldset>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
