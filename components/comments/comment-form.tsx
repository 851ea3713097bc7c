"use client";

import { useActionState, useRef, useState } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { issueCommentToken, postComment, type CommentFormExtra } from "@/lib/comments/actions";
import type { FormState } from "@/lib/forms";

export type CommentFormLabels = {
  title: string;
  name: string;
  email: string;
  website: string;
  body: string;
  submit: string;
  pending: string;
  trap: string;
  notifyReplies: string;
};

/**
 * The comment form: a plain form post without JavaScript (the page comes back with the message);
 * with it, no reload, a pending button, and the message (or the new comment, once the page's data is
 * refreshed by the action) in place. It asks the server for a fill token when first touched.
 */
export function CommentForm({
  postId,
  parentId,
  permalink,
  idPrefix,
  labels,
  autoFocus = false,
  children,
}: {
  postId: number;
  parentId?: number;
  /** The page the form is on: where a post made before the script has loaded comes back to. */
  permalink: string;
  /** Keeps field ids unique when several forms share a page. */
  idPrefix: string;
  labels: CommentFormLabels;
  autoFocus?: boolean;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState<FormState<CommentFormExtra>, FormData>(postComment, null, permalink);
  const [token, setToken] = useState("");
  const asked = useRef(false);
  const askForToken = () => {
    if (asked.current) return;
    asked.current = true;
    issueCommentToken(postId).then(
      (answer) => (answer.ok ? setToken(answer.token) : (asked.current = false)),
      () => {
        asked.current = false;
      },
    );
  };
  const values: Record<string, string> = state?.values ?? {};
  const errorOf = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  // A new key after each answer re-creates the fields with what the server sent back as their values.
  const answer = state ? JSON.stringify(state) : "";
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form action={formAction} onFocus={askForToken} noValidate className="mt-4 space-y-3 rounded-lg bg-stone-100 p-4">
      <h3 className="font-serif text-lg font-bold">{labels.title}</h3>
      <FormMessage state={state} />
      <input type="hidden" name="postId" value={postId} />
      {parentId !== undefined ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <input type="hidden" name="jeton" value={token} />
      {/* A trap: hidden from people (and screen readers), filled in by robots that fill everything. */}
      <p aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={id("url")}>{labels.trap}</label>
        <input id={id("url")} name="url" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </p>
      <div key={answer} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id={id("name")}
            name="name"
            label={labels.name}
            required
            maxLength={80}
            autoComplete="name"
            autoFocus={autoFocus}
            defaultValue={values.name}
            error={errorOf("name")}
          />
          <Field id={id("email")} name="email" type="email" label={labels.email} required maxLength={254} autoComplete="email" defaultValue={values.email} error={errorOf("email")} />
        </div>
        <Field id={id("website")} name="website" type="url" label={labels.website} maxLength={200} autoComplete="url" defaultValue={values.website} error={errorOf("website")} />
        <TextArea
          id={id("body")}
          name="body"
          label={labels.body}
          required
          maxLength={5000}
          rows={6}
          defaultValue={state && !state.ok ? values.body : ""}
          error={errorOf("body")}
        />
        {/* « Me prévenir des réponses »: unticked unless the reader ticks it; mails only once confirmed. */}
        <p className="flex items-start gap-2 text-sm">
          <input id={id("prevenir")} name="prevenir" type="checkbox" value="oui" className="mt-1" />
          <label htmlFor={id("prevenir")}>{labels.notifyReplies}</label>
        </p>
      </div>
      <p className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
        {children}
      </p>
    </form>
  );
}
