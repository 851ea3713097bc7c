// Next's request scope, for tests that call server actions themselves. Only the edge is stood in for:
// `next/headers` answers the headers of the request being simulated (with the session cookie Auth.js
// really issued, so auth(), the pipeline, the permissions and the database all run for real), and
// `next/cache`'s revalidation calls are recorded instead of reaching a cache that is not there.
// A test file wires it with:
//   vi.mock("next/headers", () => import("../helpers/next-request"));
//   vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { makeUser } from "./fixtures";

const ORIGIN = `${process.env.PUBLIC_PROTOCOL ?? "https"}://${process.env.ROOT_DOMAIN ?? "carnet.test"}`;
const PASSWORD = "un mot de passe d'essai, assez long";

let current = new Headers();

export async function headers(): Promise<Headers> {
  return current;
}

export async function cookies() {
  const pairs = () =>
    (current.get("cookie") ?? "")
      .split(";")
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const);
  return {
    get: (name: string) => {
      const found = pairs().find(([key]) => key === name);
      return found ? { name, value: found[1] } : undefined;
    },
    getAll: () => pairs().map(([name, value]) => ({ name, value })),
    has: (name: string) => pairs().some(([key]) => key === name),
    set: () => undefined,
    delete: () => undefined,
  };
}

/** The tags revalidated (and refreshes asked for) since the last call to takeRevalidated(). */
const recorded = { tags: [] as string[], refreshes: 0 };

export const cacheCalls = {
  updateTag: (tag: string) => void recorded.tags.push(tag),
  revalidateTag: (tag: string) => void recorded.tags.push(tag),
  revalidatePath: () => undefined,
  refresh: () => void (recorded.refreshes += 1),
};

export function takeRevalidated(): { tags: string[]; refreshes: number } {
  const taken = { tags: [...recorded.tags], refreshes: recorded.refreshes };
  recorded.tags = [];
  recorded.refreshes = 0;
  return taken;
}

const setCookies = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");

/** The session cookie Auth.js issues when this person signs in with their password. */
async function signInCookie(email: string, password: string): Promise<string> {
  const { handlers } = await import("@/lib/auth");
  const csrfResponse = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = setCookies(csrfResponse);
  const answer = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: ORIGIN },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${ORIGIN}/admin` }).toString(),
    }),
  );
  const session = setCookies(answer).find((pair) => /^(__Secure-)?authjs\.session-token=/.test(pair));
  if (!session) throw new Error(`sign-in failed (${answer.status})`);
  return session;
}

export type TestAccount = { userId: string; cookie: string };

/** A person with a password, signed in once: their session cookie is ready for asUser(). */
export async function makeSignedInUser(name = "Personne"): Promise<TestAccount> {
  const userId = await makeUser(name);
  await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, userId));
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return { userId, cookie: await signInCookie(row!.email!, PASSWORD) };
}

/** What follows runs as a request of this person's browser, or of nobody signed in (null). */
export function asUser(account: TestAccount | null, extraHeaders: Record<string, string> = {}): void {
  current = new Headers({ host: new URL(ORIGIN).host, "x-forwarded-proto": new URL(ORIGIN).protocol.replace(":", ""), ...extraHeaders });
  if (account) current.set("cookie", account.cookie);
}

/** Where a redirect() thrown by an action leads, or null when it did not redirect (it answered). */
export async function redirectOf(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2] ?? "";
    throw error;
  }
}
