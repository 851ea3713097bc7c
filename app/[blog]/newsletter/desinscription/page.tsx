import type { Metadata } from "next";
import { BlogShell } from "@/components/blog/blog-shell";
import { TokenForm } from "@/components/newsletter/token-form";
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
    <BlogShell blog={blog}>
      <section aria-labelledby="desinscription-titre" className="max-w-xl space-y-4">
        <h1 id="desinscription-titre" className="font-serif text-3xl font-bold">
          {t("newsletter.unsubscribeTitle")}
        </h1>
        {!valid ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {t("newsletter.unsubscribeInvalid")}
          </p>
        ) : (
          <>
            <p>{t("newsletter.unsubscribeIntro", { blog: blog.title })}</p>
            <TokenForm
              action={unsubscribeAction}
              blogId={blog.id}
              token={token}
              labels={{ submit: t("newsletter.unsubscribeSubmit"), pending: t("newsletter.unsubscribePending") }}
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
