const MAX_RETURN_PATH = 2000;
const ORIGIN = "http://carnet.invalid";

/**
 * Only a path of the platform is a safe place to come back to after signing in: printable ASCII (a
 * Location header takes nothing else, and `／`, `＼`, `％` are not slashes for us), starting with one
 * slash, that stays on the platform's origin once parsed and once percent-decoded (`/%2F%2Fevil.example`,
 * `/\evil.example`). Anything else, however written, gets `fallback`: never an error.
 */
export function safeReturnPath(value: unknown, fallback = "/admin"): string {
  if (typeof value !== "string" || value.length > MAX_RETURN_PATH || !/^\/[\x21-\x7e]*$/.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  // Decoded, then with look-alike characters folded (`／` → `/`): what a lenient server or browser might read.
  for (const candidate of [value, decoded, decoded.normalize("NFKC")]) {
    if (/^[/\\][/\\]/.test(candidate) || candidate.includes("\\")) return fallback;
    if (new URL(candidate, ORIGIN).origin !== ORIGIN) return fallback;
  }
  return value;
}
