import { revalidateTag } from "next/cache";
import type { NextRequest } from "next/server";
import { blogSubscribersTag } from "@/lib/cache-tags";
import { getTranslator } from "@/lib/i18n";
import { getNewsletterBlog, getSubscriberStatus } from "@/lib/newsletter/queries";
import { unsubscribeWithToken } from "@/lib/newsletter/subscriptions";
import { readUnsubscribeToken } from "@/lib/newsletter/tokens";
import { blogUrl } from "@/lib/urls";

// The List-Unsubscribe address of every newsletter mail (RFC 8058). Mail programs POST here
// ("List-Unsubscribe=One-Click") and the address is unsubscribed at once, without sign-in; the token
// is the proof. A GET (someone opening the address) leads to the page with its button instead.

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function POST(request: NextRequest) {
  const result = await unsubscribeWithToken(request.nextUrl.searchParams.get("jeton") ?? "");
  if (result.outcome === "invalid") return text(getTranslator("fr")("newsletter.unsubscribeInvalid"), 400);
  // The sidebar's count must drop for the next reader, not after a stale render.
  if (result.outcome === "unsubscribed") revalidateTag(blogSubscribersTag(result.blogId), { expire: 0 });
  const blog = result.blogId === null ? null : await getNewsletterBlog(result.blogId);
  const t = getTranslator(blog?.language ?? "fr");
  return text(t(result.outcome === "unsubscribed" ? "newsletter.unsubscribed" : "newsletter.alreadyUnsubscribed"), 200);
}

export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("jeton") ?? "";
  const subscriberId = readUnsubscribeToken(token);
  const subscriber = subscriberId === null ? null : await getSubscriberStatus(subscriberId);
  const blog = subscriber ? await getNewsletterBlog(subscriber.blogId) : null;
  if (!blog) return text(getTranslator("fr")(subscriberId === null ? "newsletter.unsubscribeInvalid" : "newsletter.alreadyUnsubscribed"), subscriberId === null ? 400 : 200);
  return new Response(null, { status: 303, headers: { Location: blogUrl(blog.slug, `/newsletter/desinscription?jeton=${encodeURIComponent(token)}`) } });
}
