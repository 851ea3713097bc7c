import type { Translator } from "@/lib/i18n";
import { MAX_DECODED_PIXELS, MAX_UPLOAD_BYTES } from "./images";
import { MAX_ALT_LENGTH, type UploadProblem } from "./mutations";

const MAX_MEGABYTES = MAX_UPLOAD_BYTES / (1024 * 1024);

export type ReportedProblem = Exclude<UploadProblem, "forbidden" | "dailyLimit"> | "rateLimited";

// What an upload may report back (in the media page's address, or to the editor); anything else is ignored.
const PROBLEMS: Record<ReportedProblem, (t: Translator) => { file?: string; alt?: string }> = {
  empty: (t) => ({ file: t("admin.mediaProblemEmpty") }),
  tooLarge: (t) => ({ file: t("admin.mediaProblemTooLarge", { max: MAX_MEGABYTES }) }),
  svg: (t) => ({ file: t("admin.mediaProblemSvg") }),
  unsupportedType: (t) => ({ file: t("admin.mediaProblemUnsupportedType") }),
  unreadable: (t) => ({ file: t("admin.mediaProblemUnreadable") }),
  tooManyPixels: (t) => ({ file: t("admin.mediaProblemTooManyPixels", { max: MAX_DECODED_PIXELS / 1_000_000 }) }),
  altTooLong: (t) => ({ alt: t("forms.tooLong", { max: MAX_ALT_LENGTH }) }),
  rateLimited: (t) => ({ file: t("forms.tooManyRequests") }),
};

/** The message of an upload's problem, for the file or for its alternative text; null for an unknown code. */
export function uploadProblem(code: string | undefined, t: Translator): { file?: string; alt?: string } | null {
  return code && Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code as ReportedProblem](t) : null;
}
