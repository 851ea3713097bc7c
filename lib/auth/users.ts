import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";

export type AccountUser = { id: string; name: string | null; email: string | null; sessionVersion: number; emailVerified: boolean };

/** The account behind an address, with its password hash, for sign-in only. */
export async function getUserForSignIn(email: string) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return user ?? null;
}

export async function getAccountUser(userId: string): Promise<AccountUser | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ? { ...user, emailVerified: user.emailVerified !== null } : null;
}

/**
 * A sign-in by mailed link proves that the person reads the address. The first one on an account whose
 * address was never proved makes it verified, removes any password set before it (whoever signed up with
 * someone else's address loses it) and ends every other session. False when no account has this address.
 */
export async function verifyAddressOnFirstLinkSignIn(email: string, now = new Date()): Promise<boolean> {
  await db
    .update(users)
    .set({ emailVerified: now, passwordHash: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.email, email), isNull(users.emailVerified)));
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return Boolean(account);
}

/** Ends every session of the account (signing out: the signed cookie stops opening anything). */
export async function endAllSessions(userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
