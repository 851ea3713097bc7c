import { CommentForm, type CommentFormLabels } from "@/components/comments/comment-form";
import { ReplyForms } from "@/components/comments/reply-forms";
import { commentThreadsHtml } from "@/lib/comments/html";
import type { PublicComment } from "@/lib/comments/queries";
import type { BlogSettings, Language } from "@/lib/db/schema";
import type { Translator } from "@/lib/i18n";
import { pageMarkup } from "@/lib/reader/page-markup";

// Stands for the author's name in the reply form's title, which the browser completes per thread.
const AUTHOR_MARK = "\u0000";

export function commentFormLabels(t: Translator, title = t("comments.formTitle"), submit = t("comments.submit")): CommentFormLabels {
  return {
    title,
    name: t("comments.name"),
    email: t("comments.email"),
    website: t("comments.website"),
    body: t("comments.body"),
    submit,
    pending: t("comments.submitPending"),
    trap: t("comments.trapLabel"),
    notifyReplies: t("comments.repliesCheckbox"),
  };
}

/** The approved comments of a post, as one piece of HTML (lib/comments/html.ts), and the reply forms. */
function CommentThreads({
  comments,
  postId,
  articlePath,
  language,
  timeZone,
  t,
}: {
  comments: PublicComment[];
  postId: number;
  articlePath: string;
  language: Language;
  timeZone: string;
  t: Translator;
}) {
  if (comments.length === 0) return <p className="text-[var(--color-muted)]">{t("comments.none")}</p>;
  const [before = "", after = ""] = t("comments.replyFormTitle", { author: AUTHOR_MARK }).split(AUTHOR_MARK);
  return (
    <ReplyForms
      // In the page's HTML only, where npm start's server allows it (lib/reader/page-markup.ts).
      {...pageMarkup(commentThreadsHtml(comments, articlePath, { language, timeZone, t }))}
      postId={postId}
      labels={commentFormLabels(t, "", t("comments.replySubmit"))}
      titleAround={[before, after]}
      cancelLabel={t("comments.cancelReply")}
    />
  );
}

/**
 * "Commentaires": the approved comments and the form to add one. Static like the rest of the page:
 * the forms are small client leaves posting to a server action.
 */
export function CommentsSection(props: {
  comments: PublicComment[];
  postId: number;
  articlePath: string;
  language: Language;
  timeZone: string;
  /** The blog's moderation, told before one writes: a comment held for review is no surprise. */
  moderation: BlogSettings["moderation"];
  t: Translator;
}) {
  const { postId, articlePath, moderation, t } = props;
  return (
    <section aria-labelledby="commentaires-title" id="commentaires" className="mt-12 border-t border-stone-300 pt-8">
      <h2 id="commentaires-title" className="mb-4 font-serif text-2xl font-bold">
        {t("comments.title")}
      </h2>
      <CommentThreads {...props} />
      <div id="commentaire-formulaire" className="mt-8">
        <p className="mb-3 text-sm text-[var(--color-muted)]" data-testid="moderation-annoncee">
          {t(moderation === "all" ? "comments.policyAll" : moderation === "first-time" ? "comments.policyFirstTime" : "comments.policyNone")}
        </p>
        <CommentForm postId={postId} permalink={`${articlePath}#commentaire-formulaire`} idPrefix="commentaire" labels={commentFormLabels(t)} />
      </div>
    </section>
  );
}
