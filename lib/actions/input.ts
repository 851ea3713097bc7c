// What a server action or write route receives, measured before anything reads it: any caller can send
// any form, so its size, its number of fields and its nesting are capped before zod (or anything else)
// walks it.

/** The largest input an action takes unless it says otherwise, in bytes. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024;
/** More fields than any Carnet form has. */
export const MAX_INPUT_FIELDS = 500;
/** Deeper than any Carnet action's arguments. */
export const MAX_INPUT_DEPTH = 8;

export type InputProblem = "too-large" | "too-deep";

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * Measures a form or a value sent to an action without recursion: strings by their UTF-8 size, files by
 * theirs, and every key and element. Stops as soon as a cap is passed, so a huge input costs no more to
 * refuse than the cap.
 */
export function inputProblem(input: unknown, maxBytes: number): InputProblem | null {
  if (input instanceof FormData) {
    let bytes = 0;
    let fields = 0;
    for (const [key, value] of input.entries()) {
      fields += 1;
      bytes += utf8Bytes(key) + (typeof value === "string" ? utf8Bytes(value) : value.size);
      if (fields > MAX_INPUT_FIELDS || bytes > maxBytes) return "too-large";
    }
    return null;
  }
  let bytes = 0;
  let items = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    items += 1;
    if (items > MAX_INPUT_FIELDS * 10) return "too-large";
    if (typeof value === "string") bytes += utf8Bytes(value);
    else if (value instanceof Blob) bytes += value.size;
    else if (value !== null && typeof value === "object") {
      if (depth >= MAX_INPUT_DEPTH) return "too-deep";
      const entries: [unknown, unknown][] =
        value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value].map((item) => [null, item]) : Object.entries(value);
      for (const [key, item] of entries) {
        if (typeof key === "string") bytes += utf8Bytes(key);
        stack.push({ value: item, depth: depth + 1 });
      }
    } else bytes += 8;
    if (bytes > maxBytes) return "too-large";
  }
  return null;
}

/**
 * A form as a plain object for zod: one value per name, or an array when a name repeats (checkboxes).
 * Next's own bookkeeping fields ($ACTION_…) are left out.
 */
export function formObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const object: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const name of new Set(form.keys())) {
    if (name.startsWith("$ACTION")) continue;
    const all = form.getAll(name);
    object[name] = all.length === 1 ? all[0]! : all;
  }
  return object;
}

/** Deeper than anything a Carnet page sends to a server action, in the JSON that encodes its arguments. */
export const MAX_ENCODED_ARGUMENT_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, by one pass over its characters (strings
 * skipped): Next decodes a server action's arguments recursively before any of Carnet's code runs, and a
 * few thousand levels overflow its stack.
 */
export function isNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 92 /* \ */) index += 1;
      else if (character === 34 /* " */) inString = false;
    } else if (character === 34) inString = true;
    else if (character === 91 /* [ */ || character === 123 /* { */) {
      depth += 1;
      if (depth > max) return true;
    } else if (character === 93 /* ] */ || character === 125 /* } */) depth -= 1;
  }
  return false;
}
