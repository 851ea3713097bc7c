import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";

export type AccountUser = { id: string; name: string | null; email: string | null; sessionVersion: number };

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
    .select({ id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}
