import type { Metadata } from "next";
import { TokenPage, TokenProblem } from "@/components/newsletter/token-page";
import { getTranslator } from "@/lib/i18n";
import { unsubscribeAction } from "@/lib/newsletter/actions";
import { getSubscriberStatus } from "@/lib/newsletter/queries";
import { readUnsubscribeToken } from "@/lib/newsletter/tokens";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ jeton?: string | string[] }> };

export const metadata: Metadata = { robots: { index: false } };

// Where every newsletter mail's "Se désabonner" leads: one button, no sign-in. (Mail programs use the
// one-click POST of the List-Unsubscribe header instead, app/api/newsletter/desinscription.) The
// button's answer says whether the address was still subscribed.
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  const { jeton } = await searchParams;
  const token = typeof jeton === "string" ? jeton : "";
  const subscriberId = readUnsubscribeToken(token);
  const subscriber = subscriberId === null ? null : await getSubscriberStatus(subscriberId);
  // A subscriber the blogger removed has no blog any more: the button then says "not subscribed".
  const valid = subscriberId !== null && (subscriber === null || subscriber.blogId === blog.id);
  return (
    <TokenPage
      blog={blog}
      id="desinscription"
      title={t("newsletter.unsubscribeTitle")}
      problem={valid ? null : <TokenProblem>{t("newsletter.unsubscribeInvalid")}</TokenProblem>}
      intro={t("newsletter.unsubscribeIntro", { blog: blog.title })}
      action={unsubscribeAction}
      token={token}
      labels={{ submit: t("newsletter.unsubscribeSubmit"), pending: t("newsletter.unsubscribePending") }}
    />
  );
}
