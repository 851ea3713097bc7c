import type { Metadata } from "next";
import { BlogShell } from "@/components/blog/blog-shell";
import { TokenForm } from "@/components/newsletter/token-form";
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
    <BlogShell blog={blog}>
      <section aria-labelledby="confirmer-titre" className="max-w-xl space-y-4">
        <h1 id="confirmer-titre" className="font-serif text-3xl font-bold">
          {t("newsletter.confirmTitle")}
        </h1>
        {problem ? (
          <>
            <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
              {problem}
            </p>
            <p>
              <a href="/newsletter">{t("newsletter.signUpAgain")}</a>
            </p>
          </>
        ) : (
          <>
            <p>{t("newsletter.confirmIntro", { blog: blog.title })}</p>
            <TokenForm
              action={confirmSubscriptionAction}
              blogId={blog.id}
              token={token}
              labels={{ submit: t("newsletter.confirmSubmit"), pending: t("newsletter.confirmPending") }}
            />
          </>
        )}
        <p>
          <a href="/">{t("newsletter.backToBlog")}</a>
        </p>
      </section>
    </BlogShell>
  );
}
