"use client";

import { useState } from "react";
import { CommentForm, type CommentFormLabels } from "./comment-form";

/**
 * "Répondre" under a comment. Without JavaScript it is a link to the reply page; with it, the reply
 * form opens in place, under the comment.
 */
export function ReplyToggle({
  postId,
  parentId,
  href,
  linkLabel,
  linkAccessibleName,
  cancelLabel,
  labels,
}: {
  postId: number;
  parentId: number;
  href: string;
  linkLabel: string;
  linkAccessibleName: string;
  cancelLabel: string;
  labels: CommentFormLabels;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <a
        href={href}
        aria-label={linkAccessibleName}
        className="text-sm font-semibold"
        onClick={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        {linkLabel}
      </a>
    );
  }
  return (
    <CommentForm postId={postId} parentId={parentId} permalink={href} idPrefix={`reponse-${parentId}`} labels={labels} autoFocus>
      <button type="button" className="text-sm underline" onClick={() => setOpen(false)}>
        {cancelLabel}
      </button>
    </CommentForm>
  );
}
