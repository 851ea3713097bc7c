import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { safeReturnPath } from "./return-path";

export type SessionUser = { id: string; name: string | null; email: string | null };

/** The signed-in person, or null. Reads the session cookie: only for platform pages and actions. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { id: session.user.id, name: session.user.name ?? null, email: session.user.email ?? null };
}

export { safeReturnPath };

/** The signed-in person; anyone else is sent to sign in and brought back to `returnPath` afterwards. */
export async function requireSessionUser(returnPath: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(safeReturnPath(returnPath))}`);
  return user;
}
