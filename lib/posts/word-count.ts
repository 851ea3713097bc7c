/** Words a reader reads per minute, a common figure for French and English prose. */
const WORDS_PER_MINUTE = 230;

/**
 * The words of a post's Markdown as a reader sees them: images (and their descriptions), link addresses,
 * and Markdown's own signs do not count. Runs in the editor at each keystroke, so it stays linear.
 */
export function countWords(markdown: string): { words: number; minutes: number } {
  const text = markdown
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, " ")
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/<[^>\n]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return { words, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}
