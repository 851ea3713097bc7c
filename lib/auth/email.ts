import { z } from "zod";

/** E-mail addresses are compared lowercased and trimmed everywhere (accounts, subscribers, commenters). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email());

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
