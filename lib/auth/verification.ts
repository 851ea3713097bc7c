import "server-only";
import { platformUrl } from "@/lib/urls";
import { consumeToken, issueToken, markAddressVerified, VERIFY_TOKEN_LIFETIME_MS } from "./mutations";
import { sendAddressVerificationLink } from "./mails";
import { safeReturnPath } from "./return-path";
import { getAccountUser } from "./users";

/**
 * Mails the link that proves a new account's address (`verify:<user>:<address>`, one week, once). Its
 * page signs the person in and brings them back to `returnPath` (an invitation they were following…).
 */
export async function sendAddressVerification(userId: string, email: string, returnPath = "/admin"): Promise<void> {
  const token = await issueToken(`verify:${userId}:${email}`, Date.now(), VERIFY_TOKEN_LIFETIME_MS);
  const query = new URLSearchParams({ jeton: token, retour: safeReturnPath(returnPath) });
  await sendAddressVerificationLink(email, platformUrl(`/compte/verifier?${query.toString()}`));
}

/** Uses a verification link: the account it proves, now verified, or null (expired, used, address changed since). */
export async function verifyAddressWithToken(token: string) {
  const identifier = await consumeToken("verify:", token.slice(0, 200));
  if (!identifier) return null;
  const [, userId = "", ...address] = identifier.split(":");
  if (!(await markAddressVerified(userId, address.join(":")))) return null;
  return getAccountUser(userId);
}
