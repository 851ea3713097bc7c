import { httpGet, httpRequest } from "./http";

const cookiePairs = (setCookie: string | string[] | undefined) =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((cookie) => cookie.split(";")[0] ?? "");

/** Signs in through Auth.js's own credentials endpoint and returns the Cookie header of the session. */
export async function sessionCookie(platformOrigin: string, email: string, password: string): Promise<string> {
  const csrf = await httpGet(`${platformOrigin}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = cookiePairs(csrf.headers["set-cookie"]);
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${platformOrigin}/admin` }).toString();
  const answer = await httpRequest("POST", `${platformOrigin}/api/auth/callback/credentials`, {
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body,
  });
  const session = cookiePairs(answer.headers["set-cookie"]).find((pair) => pair.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed (${answer.status})`);
  return session;
}
