"use client";

import { useState } from "react";
import { createPortal } from "react-dom";
import { REPLY_CLASS, repliedCommentId } from "@/lib/comments/reply-link";
import { usePageMarkup, type GivenMarkup } from "@/components/blog/use-page-markup";
import { CommentForm, type CommentFormLabels } from "./comment-form";

type OpenReply = { parentId: number; author: string; href: string; link: HTMLAnchorElement };

const LIST_ID = "liste-commentaires";

/**
 * The approved comments (their HTML, lib/comments/html.ts) and the reply forms they open. Without
 * JavaScript each « Répondre » is a link to the reply page; with it, one listener on the list opens the
 * form in place, under the comment, with the same labels for every thread (sent once, not per comment).
 */
export function ReplyForms({
  postId,
  labels,
  titleAround,
  cancelLabel,
  ...given
}: GivenMarkup & {
  postId: number;
  /** The form's labels, but its title: the text around the author's name (`titleAround`). */
  labels: CommentFormLabels;
  titleAround: [before: string, after: string];
  cancelLabel: string;
}) {
  const [open, setOpen] = useState<OpenReply[]>([]);
  // New comments (a reply published at once, in the answer of the comment's action) replace the list's
  // markup and the places the forms were in.
  const shownHtml = usePageMarkup(given, LIST_ID, () => setOpen([]));
  const close = (reply: OpenReply) => {
    reply.link.hidden = false;
    setOpen((replies) => replies.filter((other) => other !== reply));
  };
  return (
    <>
      <ol
        id={LIST_ID}
        className="commentaires space-y-4"
        dangerouslySetInnerHTML={{ __html: shownHtml }}
        onClick={(event) => {
          // A new tab or window (a modified or middle click) goes to the reply page as a link does.
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          const link = (event.target as Element).closest<HTMLAnchorElement>(`a.${REPLY_CLASS}`);
          const parentId = repliedCommentId(link?.getAttribute("href") ?? "");
          if (!link || parentId === null) return;
          event.preventDefault();
          link.hidden = true;
          const author = link.closest("article")?.getAttribute("aria-label") ?? "";
          setOpen((replies) => [...replies, { parentId, author, href: link.getAttribute("href") ?? "", link }]);
        }}
      />
      {open.map((reply) =>
        reply.link.parentElement
          ? createPortal(
              <CommentForm
                postId={postId}
                parentId={reply.parentId}
                permalink={reply.href}
                idPrefix={`reponse-${reply.parentId}`}
                labels={{ ...labels, title: `${titleAround[0]}${reply.author}${titleAround[1]}` }}
                autoFocus
              >
                <button type="button" className="text-sm underline" onClick={() => close(reply)}>
                  {cancelLabel}
                </button>
              </CommentForm>,
              reply.link.parentElement,
              String(reply.parentId),
            )
          : null,
      )}
    </>
  );
}
