// How deeply a Markdown text nests, read in one linear pass before any parser sees it. The Markdown
// parser recurses once per level and its cost grows faster than the text with depth (5 000 « > » took
// 20 s before overflowing the stack), so a text nested deeper than MAX_MARKDOWN_NESTING is refused
// outright. Real posts nest a few levels; the limit leaves ample room.

/** The deepest nesting a post may ask for: quotations and lists, brackets, emphasis. */
export const MAX_MARKDOWN_NESTING = 32;

const isWhitespace = (char: string | undefined) => char === undefined || char === " " || char === "\t" || char === "\n" || char === "\r" || /\s/u.test(char);
const isPunctuation = (char: string | undefined) => char !== undefined && /[\p{P}\p{S}]/u.test(char);
const runLength = (text: string, from: number, end: number, char: string) => {
  let position = from;
  while (position < end && text[position] === char) position++;
  return position - from;
};

/** A code fence: three backticks or tildes or more (a backtick fence's info string holds no backtick). */
function isFenceOpening(text: string, position: number, end: number): boolean {
  const char = text[position];
  if (char !== "`" && char !== "~") return false;
  const length = runLength(text, position, end, char);
  if (length < 3) return false;
  return char === "~" || !text.slice(position + length, end).includes("`");
}

const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";

/**
 * The deepest level of nesting of a Markdown text, as an upper bound of what the parser would build:
 * the container markers (« > », « - », « 1. ») and indentation (two columns per list level) opening
 * each line, the unclosed « [ » of a paragraph, and the emphasis delimiters (« * », « _ », « ~ ») a
 * paragraph leaves open. Fenced code is skipped. Linear in the length of the text.
 */
export function markdownNestingDepth(markdown: string): number {
  let deepest = 0;
  let brackets = 0;
  let emphasis = 0;
  let fence: { char: string; length: number } | null = null;
  let lineStart = 0;
  while (lineStart <= markdown.length) {
    const newline = markdown.indexOf("\n", lineStart);
    const nextLine = newline < 0 ? markdown.length + 1 : newline + 1;
    let lineEnd = newline < 0 ? markdown.length : newline;
    if (lineEnd > lineStart && markdown[lineEnd - 1] === "\r") lineEnd--;

    // The line's container prefix: leading indentation, then « > » and list markers, with spaces between.
    let position = lineStart;
    let indentColumns = 0;
    while (position < lineEnd && (markdown[position] === " " || markdown[position] === "\t")) {
      indentColumns += markdown[position] === "\t" ? 4 - (indentColumns % 4) : 1;
      position++;
    }
    let markers = 0;
    let listItem = false;
    for (;;) {
      while (position < lineEnd && (markdown[position] === " " || markdown[position] === "\t")) position++;
      const char = markdown[position];
      if (char === ">") {
        markers++;
        position++;
        continue;
      }
      if ((char === "-" || char === "+" || char === "*") && (position + 1 >= lineEnd || isWhitespace(markdown[position + 1]))) {
        markers++;
        listItem = true;
        position++;
        continue;
      }
      if (isDigit(char)) {
        let end = position;
        while (end < lineEnd && end - position < 10 && isDigit(markdown[end])) end++;
        if ((markdown[end] === "." || markdown[end] === ")") && (end + 1 >= lineEnd || isWhitespace(markdown[end + 1]))) {
          markers++;
          listItem = true;
          position = end + 1;
          continue;
        }
      }
      break;
    }

    if (fence) {
      // Inside a fence (opened at the margin, so only a closing fence ends it) everything is literal.
      if (markers === 0 && indentColumns < 4 && runLength(markdown, position, lineEnd, fence.char) >= fence.length) fence = null;
    } else if (markers === 0 && indentColumns === 0 && isFenceOpening(markdown, position, lineEnd)) {
      fence = { char: markdown[position]!, length: runLength(markdown, position, lineEnd, markdown[position]!) };
    } else {
      deepest = Math.max(deepest, markers + Math.floor(indentColumns / 2));
      // Brackets and emphasis never run across a blank line, a new list item, a table row or a heading.
      const first = markdown[position];
      if (position >= lineEnd || listItem || first === "|" || first === "#") {
        brackets = 0;
        emphasis = 0;
      }
      for (let index = position; index < lineEnd; index++) {
        const char = markdown[index];
        if (char === "\\") {
          index++;
        } else if (char === "[") {
          brackets++;
          deepest = Math.max(deepest, brackets);
        } else if (char === "]") {
          brackets = Math.max(0, brackets - 1);
        } else if (char === "*" || char === "_" || char === "~") {
          const end = index + runLength(markdown, index, lineEnd, char);
          const before = index === lineStart ? undefined : markdown[index - 1];
          const after = end >= lineEnd ? undefined : markdown[end];
          // CommonMark's flanking rules: a run that can close closes what is open, one that can open adds to it.
          const opens = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
          const closes = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
          if (closes) emphasis = Math.max(0, emphasis - (end - index));
          if (opens) emphasis += end - index;
          deepest = Math.max(deepest, emphasis);
          index = end - 1;
        }
      }
    }
    lineStart = nextLine;
  }
  return deepest;
}
