import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { users, verificationTokens } from "@/lib/db/schema";
import { hashPassword } from "./password";

export const TOKEN_LIFETIME_MS = 30 * 60_000;
export const VERIFY_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60_000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates an account; null when the address is taken (the caller answers without saying so). */
export async function createAccount(input: { name: string; email: string; password: string }): Promise<{ id: string } | null> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ name: input.name, email: input.email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return created ?? null;
}

/** A one-time token for `purpose`, stored hashed; the clear token goes into a mailed link only. */
export async function issueToken(identifier: string, now = Date.now(), lifetimeMs = TOKEN_LIFETIME_MS): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier));
  await db.insert(verificationTokens).values({ identifier, token: digest(token), expires: new Date(now + lifetimeMs) });
  return token;
}

/** Uses a token once: returns its identifier if it was valid and unexpired, and deletes it either way. */
export async function consumeToken(identifierPrefix: string, token: string, now = Date.now()): Promise<string | null> {
  const [row] = await db
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.token, digest(token)), sql`${verificationTokens.identifier} like ${`${identifierPrefix}%`}`))
    .returning({ identifier: verificationTokens.identifier, expires: verificationTokens.expires });
  if (!row || row.expires.getTime() <= now) return null;
  return row.identifier;
}

/** Whether a token is still good, without using it (to show the form it leads to). */
export async function isTokenValid(identifierPrefix: string, token: string, now = Date.now()): Promise<boolean> {
  const [row] = await db
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, digest(token)),
        gt(verificationTokens.expires, new Date(now)),
        sql`${verificationTokens.identifier} like ${`${identifierPrefix}%`}`,
      ),
    );
  return Boolean(row);
}

/** Marks the address of the account as proved, if it is still the one the link was mailed to. */
export async function markAddressVerified(userId: string, email: string, now = new Date()): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ emailVerified: now })
    .where(and(eq(users.id, userId), eq(users.email, email)))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Sets a new password and ends every other session of the account. */
export async function setPassword(userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
