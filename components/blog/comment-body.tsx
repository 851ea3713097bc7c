import { commentParagraphs } from "@/lib/comments/render";

/**
 * A comment's text as text: paragraphs on blank lines, line breaks kept, http(s) addresses as links
 * that pass no credit (nofollow ugc) and no window handle (noopener). React escapes everything else;
 * `dir="auto"` keeps a right-to-left override inside its own paragraph.
 */
export function CommentBody({ text }: { text: string }) {
  return (
    <div className="space-y-2 [overflow-wrap:anywhere]">
      {commentParagraphs(text).map((lines, index) => (
        <p key={index} dir="auto">
          {lines.map((segments, lineIndex) => (
            <span key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {segments.map((segment, segmentIndex) =>
                segment.kind === "link" ? (
                  <a key={segmentIndex} href={segment.href} rel="nofollow ugc noopener">
                    {segment.text}
                  </a>
                ) : (
                  segment.text
                ),
              )}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
