import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";

export const COMMENT_BODY_MAX = 5000;
export const COMMENT_NAME_MAX = 80;
export const COMMENT_WEBSITE_MAX = 200;

// C0 controls (tab and line feed excepted) and DEL: invisible, and nothing a person means to write.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** The comment as it will be stored: line endings unified, stray control characters dropped, outer blank space trimmed. */
export function normalizeCommentBody(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "").trim();
}

/** A name is one line: any run of blank space becomes one space. */
export function normalizeCommenterName(value: string): string {
  return value.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
}

/** "exemple.fr" is taken to mean https://exemple.fr; anything with a scheme is kept as typed. */
export function normalizeWebsite(value: string): string {
  const trimmed = value.trim();
  if (trimmed === "") return "";
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Only http(s) addresses with a real host name are links a reader may follow. */
export function isSafeWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const text = (normalize: (value: string) => string) => z.string().transform(normalize);

/** What a reader types in the comment form. Messages are catalogue keys or mapped by fieldErrorsFrom. */
export const commentFieldsSchema = z.object({
  name: text(normalizeCommenterName).pipe(z.string().min(1).max(COMMENT_NAME_MAX)),
  email: emailSchema,
  website: text(normalizeWebsite).pipe(
    z
      .string()
      .max(COMMENT_WEBSITE_MAX)
      .refine((value) => value === "" || isSafeWebAddress(value), { message: "forms.invalidUrl" }),
  ),
  body: text(normalizeCommentBody).pipe(z.string().min(1).max(COMMENT_BODY_MAX)),
});

export type CommentFields = z.infer<typeof commentFieldsSchema>;

/** The hidden fields of the form: which post, which comment it answers, the fill token and the trap. */
export const commentTargetSchema = z.object({
  postId: z.coerce.number().int().positive(),
  parentId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
  token: z.string().max(200).default(""),
  trap: z.string().max(5000).default(""),
});

/** A reply written by a member from the moderation queue. */
export const memberReplySchema = z.object({
  commentId: z.coerce.number().int().positive(),
  body: text(normalizeCommentBody).pipe(z.string().min(1).max(COMMENT_BODY_MAX)),
});
