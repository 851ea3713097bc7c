import { commentParagraphsHtml } from "@/lib/comments/html";

/**
 * A comment's text as the administration's queue shows it, as readers see it: paragraphs on blank
 * lines, line breaks kept, http(s) addresses as links that pass no credit (nofollow ugc) and no window
 * handle (noopener), everything else escaped by the one renderer of comments (lib/comments/html.ts).
 */
export function CommentBody({ text }: { text: string }) {
  return <div className="space-y-2 [overflow-wrap:anywhere]" dangerouslySetInnerHTML={{ __html: commentParagraphsHtml(text) }} />;
}
