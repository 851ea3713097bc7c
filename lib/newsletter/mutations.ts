import { asMember, getMemberBlog } from "@/lib/blogs/access";
import { can } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { parseSubscriberCsv } from "./csv";
import { getNewsletterBlog } from "./queries";
import { importSubscribers, removeSubscriber, type ImportResult } from "./subscriptions";

// The blogger's writes on their subscribers, with the caller named explicitly: the server actions pass
// the signed-in user, tests pass whoever they like. Only the blog's owner may touch its subscribers.

/** Imports allowed per blog and day: each one may mail thousands of confirmation requests. */
export const IMPORTS_PER_DAY = 10;
/** The largest file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 512 * 1024;

/** Whether this person may manage this blog's subscribers (lib/permissions.ts: its owners). */
async function managesSubscribers(input: { userId: string; blogId: number }): Promise<boolean> {
  const blog = await getMemberBlog(input);
  return blog !== null && can(asMember(blog, input.userId), "subscribers.manage");
}

export async function removeSubscriberAs(input: { userId: string; blogId: number; subscriberId: number }): Promise<"removed" | "not-found" | "forbidden"> {
  if (!(await managesSubscribers(input))) return "forbidden";
  return (await removeSubscriber(input)) ? "removed" : "not-found";
}

type Invalid = { line: number; value: string }[];
export type ImportOutcome =
  | ({ ok: true; invalid: Invalid; blogCreatedAt: number } & ImportResult)
  | { ok: false; problem: "forbidden" | "no-consent" | "empty" | "too-big" | "too-many" | "rate-limited"; invalid: Invalid }
  | { ok: false; problem: "daily-limit"; invalid: Invalid; blogCreatedAt: number };

/**
 * Imports a CSV of addresses into a blog. The blogger must declare that these people consented; they
 * still receive a confirmation mail unless the blogger attests they already confirmed, and then only
 * within the day's ceiling of such imports (lib/abuse/limits.ts): beyond it they are mailed a
 * confirmation request after all, so that an attestation cannot open thousands of mailboxes at once.
 */
export async function importSubscribersAs(
  input: { userId: string; blogId: number; csv: string; consent: boolean; alreadyConfirmed: boolean },
  now = Date.now(),
): Promise<ImportOutcome> {
  const blog = await getNewsletterBlog(input.blogId);
  if (!blog || !(await managesSubscribers(input))) return { ok: false, problem: "forbidden", invalid: [] };
  if (!input.consent) return { ok: false, problem: "no-consent", invalid: [] };
  if (Buffer.byteLength(input.csv) > MAX_IMPORT_BYTES) return { ok: false, problem: "too-big", invalid: [] };
  const parsed = parseSubscriberCsv(input.csv);
  if (parsed.tooMany) return { ok: false, problem: "too-many", invalid: [] };
  if (parsed.emails.length === 0) return { ok: false, problem: "empty", invalid: parsed.invalid };
  if (!(await consumeRateLimit(`newsletter-import:blog:${blog.id}`, IMPORTS_PER_DAY, 86_400_000, now))) {
    return { ok: false, problem: "rate-limited", invalid: [] };
  }
  const result = await importSubscribers({ blog, emails: parsed.emails, attested: input.alreadyConfirmed }, now);
  if (result.overLimit > 0 && result.confirmed + result.mailed === 0) return { ok: false, problem: "daily-limit", invalid: parsed.invalid, blogCreatedAt: blog.createdAt };
  return { ok: true, ...result, invalid: parsed.invalid, blogCreatedAt: blog.createdAt };
}
