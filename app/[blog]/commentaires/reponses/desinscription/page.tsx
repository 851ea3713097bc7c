import type { Metadata } from "next";
import { TokenPage, TokenProblem } from "@/components/newsletter/token-page";
import { unsubscribeFromRepliesAction } from "@/lib/comments/actions";
import { getReplySubscriptionStatus } from "@/lib/comments/queries";
import { getTranslator } from "@/lib/i18n";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ jeton?: string | string[] }> };

export const metadata: Metadata = { robots: { index: false } };

// Where a reply notice's « Ne plus être prévenu » leads: one button, no sign-in. (Mail programs use the
// one-click POST of the List-Unsubscribe header instead, app/api/commentaires/desinscription.) The
// button's answer says whether the address still followed the thread.
export default async function UnsubscribeFromRepliesPage({ params, searchParams }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  const { jeton } = await searchParams;
  const token = typeof jeton === "string" ? jeton : "";
  // Any token of this blog's subscriptions, even one already stopped: the button then says so.
  const valid = (await getReplySubscriptionStatus({ blogId: blog.id, token })) !== null;
  return (
    <TokenPage
      blog={blog}
      id="desinscription-reponses"
      title={t("comments.repliesStopTitle")}
      problem={valid ? null : <TokenProblem>{t("comments.repliesStopInvalid")}</TokenProblem>}
      intro={t("comments.repliesStopIntro", { blog: blog.title })}
      action={unsubscribeFromRepliesAction}
      token={token}
      labels={{ submit: t("comments.repliesStopSubmit"), pending: t("comments.repliesStopPending") }}
    />
  );
}
