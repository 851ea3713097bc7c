import type { PublicComment } from "@/lib/comments/queries";
import type { Language } from "@/lib/db/schema";
import { formatLongDate, type Translator } from "@/lib/i18n";
import { CommentBody } from "./comment-body";

function CommentItem({ comment, language, timeZone, t }: { comment: PublicComment; language: Language; timeZone: string; t: Translator }) {
  return (
    <article id={`commentaire-${comment.id}`} className="rounded-lg border border-stone-200 bg-white p-4">
      <p className="mb-2 text-sm text-[var(--color-muted)]">
        {t("comments.wrote", {
          author: comment.authorName,
          date: formatLongDate(comment.createdAt, language, timeZone),
        })}
      </p>
      <CommentBody text={comment.body} />
    </article>
  );
}

/** "Commentaires": the approved comments of the post (replies under their parent) and the form to add one. */
export function CommentsSection({
  comments,
  language,
  timeZone,
  t,
}: {
  comments: PublicComment[];
  language: Language;
  timeZone: string;
  t: Translator;
}) {
  const topLevel = comments.filter((comment) => comment.parentId === null);
  const repliesTo = (parentId: number) => comments.filter((comment) => comment.parentId === parentId);
  const field = "w-full rounded border border-stone-300 bg-white px-3 py-2";
  return (
    <section aria-labelledby="commentaires-title" id="commentaires" className="mt-12 border-t border-stone-300 pt-8">
      <h2 id="commentaires-title" className="mb-4 font-serif text-2xl font-bold">
        {t("comments.title")}
      </h2>
      {topLevel.length === 0 ? <p className="text-[var(--color-muted)]">{t("comments.none")}</p> : null}
      <ol className="space-y-4">
        {topLevel.map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} language={language} timeZone={timeZone} t={t} />
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
      <form className="mt-8 space-y-3 rounded-lg bg-stone-100 p-4" method="post">
        <h3 className="font-serif text-lg font-bold">{t("comments.formTitle")}</h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <p>
            <label htmlFor="comment-name" className="block text-sm font-semibold">{t("comments.name")}</label>
            <input id="comment-name" name="name" required maxLength={80} autoComplete="name" className={field} />
          </p>
          <p>
            <label htmlFor="comment-email" className="block text-sm font-semibold">{t("comments.email")}</label>
            <input id="comment-email" name="email" type="email" required autoComplete="email" className={field} />
          </p>
        </div>
        <p>
          <label htmlFor="comment-website" className="block text-sm font-semibold">{t("comments.website")}</label>
          <input id="comment-website" name="website" type="url" autoComplete="url" className={field} />
        </p>
        <p>
          <label htmlFor="comment-body" className="block text-sm font-semibold">{t("comments.body")}</label>
          <textarea id="comment-body" name="body" required maxLength={5000} rows={6} className={field} />
        </p>
        <button type="submit" className="rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white hover:opacity-90">
          {t("comments.submit")}
        </button>
      </form>
    </section>
  );
}
