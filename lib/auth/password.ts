import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const commonPasswords = new Set((dictionary["passwords-common"] as string[]).map((word) => word.toLowerCase()));

/** Why a new password is refused (a message key of the "auth" catalogue), or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): "passwordTooShort" | "passwordTooLong" | "passwordTooCommon" | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "passwordTooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "passwordTooLong";
  const lowered = password.toLowerCase();
  const personal = [context.email?.split("@")[0], context.name].filter((part): part is string => Boolean(part && part.length >= 3));
  if (commonPasswords.has(lowered) || /^(.)\1+$/.test(password) || personal.some((part) => lowered.includes(part.toLowerCase()))) {
    return "passwordTooCommon";
  }
  return null;
}

/** argon2id with the library's defaults (memory-hard, salted). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account exists keeps the answer time the same either way.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("carnet-no-such-account");
  return dummyHash;
}
