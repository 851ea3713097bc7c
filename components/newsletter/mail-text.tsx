import { LinkifyIt } from "linkify-it";

const linkify = new LinkifyIt();

/** A mail's plain text as it would be read, its http(s) addresses made into links. React escapes the rest. */
export function MailText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!/^https?:/.test(match.url)) continue;
    parts.push(text.slice(last, match.index));
    parts.push(
      <a key={match.index} href={match.url} className="break-all">
        {match.text}
      </a>,
    );
    last = match.lastIndex;
  }
  parts.push(text.slice(last));
  return <pre className="whitespace-pre-wrap break-words rounded bg-stone-50 p-3 font-sans text-sm">{parts}</pre>;
}
