import type { Metadata } from "next";
import { TokenPage, TokenProblem } from "@/components/newsletter/token-page";
import { confirmReplySubscriptionAction } from "@/lib/comments/actions";
import { getReplySubscriptionStatus } from "@/lib/comments/queries";
import { getTranslator } from "@/lib/i18n";
import { loadBlogOrNotFound } from "@/lib/reader/blog-page";

type Props = { params: Promise<{ blog: string }>; searchParams: Promise<{ jeton?: string | string[] }> };

export const metadata: Metadata = { robots: { index: false } };

// Where the « Me prévenir des réponses » confirmation mail leads: one button, like the newsletter's.
// Opening the link confirms nothing (mail scanners open links); pressing the button does. A token is
// only read for the blog whose host it is opened on. Dynamic: it depends on the link's token.
export default async function ConfirmReplySubscriptionPage({ params, searchParams }: Props) {
  const blog = await loadBlogOrNotFound((await params).blog);
  const t = getTranslator(blog.language);
  const { jeton } = await searchParams;
  const token = typeof jeton === "string" ? jeton : "";
  const status = await getReplySubscriptionStatus({ blogId: blog.id, token });
  const valid = status === "pending" || status === "confirmed";
  return (
    <TokenPage
      blog={blog}
      id="confirmer-reponses"
      title={t("comments.repliesConfirmTitle")}
      problem={valid ? null : <TokenProblem>{t("comments.repliesConfirmInvalid")}</TokenProblem>}
      intro={t("comments.repliesConfirmPageIntro", { blog: blog.title })}
      action={confirmReplySubscriptionAction}
      token={token}
      labels={{ submit: t("comments.repliesConfirmSubmit"), pending: t("comments.repliesConfirmPending") }}
    />
  );
}
