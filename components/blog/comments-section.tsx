import { CommentForm, type CommentFormLabels } from "@/components/comments/comment-form";
import { ReplyToggle } from "@/components/comments/reply-toggle";
import type { PublicComment } from "@/lib/comments/queries";
import { isSafeWebAddress } from "@/lib/comments/validation";
import type { BlogSettings, Language } from "@/lib/db/schema";
import { formatLongDate, type Translator } from "@/lib/i18n";
import { CommentBody } from "./comment-body";

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

/** Who wrote a comment (isolated from the text around it, whatever its direction) and when. */
export function CommentByline({ comment, language, timeZone, t }: { comment: PublicComment; language: Language; timeZone: string; t: Translator }) {
  const website = comment.authorUrl && isSafeWebAddress(comment.authorUrl) ? comment.authorUrl : null;
  return (
    <p className="mb-2 text-sm text-[var(--color-muted)]">
      {t.rich("comments.wrote", {
        author: comment.authorName,
        date: formatLongDate(comment.createdAt, language, timeZone),
        name: (chunks) => (
          <>
            <bdi className="font-semibold text-[var(--color-ink)]">
              {website ? (
                <a href={website} rel="nofollow ugc noopener">
                  {chunks}
                </a>
              ) : (
                chunks
              )}
            </bdi>
            {comment.isMember ? (
              <span className="ml-1 rounded bg-[var(--accent)] px-1.5 py-0.5 text-xs font-semibold text-white">{t("comments.authorBadge")}</span>
            ) : null}
          </>
        ),
      })}
    </p>
  );
}

function CommentItem({ comment, language, timeZone, t, children }: { comment: PublicComment; language: Language; timeZone: string; t: Translator; children?: React.ReactNode }) {
  return (
    <article id={`commentaire-${comment.id}`} aria-label={comment.authorName} className="rounded-lg border border-stone-200 bg-white p-4">
      <CommentByline comment={comment} language={language} timeZone={timeZone} t={t} />
      <CommentBody text={comment.body} />
      {children}
    </article>
  );
}

/** The approved comments of a post: replies under their parent (one level), a "Répondre" under each thread. */
export function CommentThreads({
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
  const shown = new Set(comments.map((comment) => comment.id));
  // A reply whose first comment was withdrawn stays, as a comment of its own.
  const threads = comments.filter((comment) => comment.parentId === null || !shown.has(comment.parentId));
  const repliesTo = (parentId: number) => comments.filter((comment) => comment.parentId === parentId);
  const replyLabels = (author: string) => commentFormLabels(t, t("comments.replyFormTitle", { author }), t("comments.replySubmit"));
  if (threads.length === 0) return <p className="text-[var(--color-muted)]">{t("comments.none")}</p>;
  return (
    <ol className="space-y-4">
      {threads.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} language={language} timeZone={timeZone} t={t}>
            <div className="mt-3">
              <ReplyToggle
                postId={postId}
                parentId={comment.id}
                href={`${articlePath}/repondre/${comment.id}`}
                linkLabel={t("comments.reply")}
                linkAccessibleName={t("comments.replyToLabel", { author: comment.authorName })}
                cancelLabel={t("comments.cancelReply")}
                labels={replyLabels(comment.authorName)}
              />
            </div>
          </CommentItem>
          {repliesTo(comment.id).length > 0 ? (
            <ol className="mt-3 ml-8 space-y-3">
              {repliesTo(comment.id).map((reply) => (
                <li key={reply.id}>
                  <CommentItem comment={reply} language={language} timeZone={timeZone} t={t} />
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
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
