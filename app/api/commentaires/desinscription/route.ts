import type { NextRequest } from "next/server";
import { getBlogBySlug } from "@/lib/blogs/queries";
import { unsubscribeFromReplies } from "@/lib/comments/reply-subscriptions";
import { publicAddress } from "@/lib/host-routing";
import { getTranslator } from "@/lib/i18n";
import { blogSlugOfHost } from "@/lib/stats/beacon";
import { blogUrl } from "@/lib/urls";

// The List-Unsubscribe address of every « Me prévenir des réponses » mail (RFC 8058). Mail programs POST
// here ("List-Unsubscribe=One-Click") and the address stops following the thread at once, without
// sign-in; the token is the proof, and only on its own blog's host. A GET (someone opening the address)
// leads to the page with its button instead. Every answer is a sentence in the blog's language.

const text = (body: string) => new Response(body, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

async function blogOf(request: NextRequest) {
  const slug = blogSlugOfHost(request.headers.get("host") ?? "", publicAddress().rootDomain);
  return slug === null ? null : getBlogBySlug(slug);
}

export async function POST(request: NextRequest) {
  const blog = await blogOf(request);
  const t = getTranslator(blog?.language ?? "fr");
  if (!blog) return text(t("comments.repliesStopInvalid"));
  const outcome = await unsubscribeFromReplies({ blogId: blog.id, token: request.nextUrl.searchParams.get("jeton") ?? "" });
  const message = { unsubscribed: "comments.repliesStopped", already: "comments.repliesAlreadyStopped", invalid: "comments.repliesStopInvalid" } as const;
  return text(t(message[outcome]));
}

export async function GET(request: NextRequest) {
  const blog = await blogOf(request);
  if (!blog) return text(getTranslator("fr")("comments.repliesStopInvalid"));
  const token = request.nextUrl.searchParams.get("jeton") ?? "";
  return new Response(null, { status: 303, headers: { Location: blogUrl(blog.slug, `/commentaires/reponses/desinscription?jeton=${encodeURIComponent(token)}`) } });
}
