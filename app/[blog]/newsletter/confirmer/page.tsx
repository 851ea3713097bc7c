import type { Metadata } from "next";
import { TokenPage, TokenProblem } from "@/components/newsletter/token-page";
import { getTranslator } from "@/lib/i18n";
import { confirmSubscriptionAction } from "@/lib/newsletter/actions";
import { getSubscriberStatus } from "@/lib/newsletter/queries";
import { readConfirmationToken } from "@/lib/newsletter/tokens";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ jeton?: string | string[] }> };

export const metadata: Metadata = { robots: { index: false } };

// Where the confirmation mail's link leads: a page with one button. Opening the link confirms nothing
// (mail scanners open links); pressing the button does, and the button's answer says whether it was
// already confirmed. Dynamic: it depends on the link's token.
export default async function ConfirmSubscriptionPage({ params, searchParams }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  const { jeton } = await searchParams;
  const token = typeof jeton === "string" ? jeton : "";
  const check = readConfirmationToken(token);
  const subscriber = check.ok ? await getSubscriberStatus(check.subscriberId) : null;
  const problem =
    !check.ok && check.reason === "expired"
      ? t("newsletter.confirmExpired")
      : !subscriber || subscriber.blogId !== blog.id || subscriber.status === "unsubscribed"
        ? t("newsletter.confirmInvalid")
        : null;
  return (
    <TokenPage
      blog={blog}
      id="confirmer"
      title={t("newsletter.confirmTitle")}
      problem={
        problem ? (
          <>
            <TokenProblem>{problem}</TokenProblem>
            <p>
              <a href="/newsletter">{t("newsletter.signUpAgain")}</a>
            </p>
          </>
        ) : null
      }
      intro={t("newsletter.confirmIntro", { blog: blog.title })}
      action={confirmSubscriptionAction}
      token={token}
      labels={{ submit: t("newsletter.confirmSubmit"), pending: t("newsletter.confirmPending") }}
    />
  );
}
