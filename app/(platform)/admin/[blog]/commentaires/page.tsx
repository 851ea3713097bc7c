import type { Metadata } from "next";
import { adminMetadata } from "@/lib/blogs/admin-metadata";
import { CommentBody } from "@/components/blog/comment-body";
import { QueueReplyForm } from "@/components/comments/queue-reply-form";
import { SelectAll } from "@/components/comments/select-all";
import { asMember, requireMemberBlog } from "@/lib/blogs/access";
import { moderateComments } from "@/lib/comments/actions";
import { countCommentsByStatus, listQueueComments, type QueueComment } from "@/lib/comments/queries";
import {
  HELD_REASON_LABELS,
  moderationPermission,
  MODERATION_OPERATIONS,
  type ModerationOperation,
  OPERATION_DONE,
  OPERATION_LABELS,
  OPERATIONS_BY_STATUS,
  QUEUE_PAGE_SIZE,
  QUEUE_TABS,
  queueTabFromSlug,
  type QueueTab,
} from "@/lib/comments/queue";
import { formatCount, formatDateTime, getTranslator, type Translator } from "@/lib/i18n";
import type { Language } from "@/lib/db/schema";
import { can } from "@/lib/permissions";
import { articlePath } from "@/lib/posts/paths";
import { blogUrl } from "@/lib/urls";

type Props = {
  params: Promise<{ blog: string }>;
  searchParams: Promise<{ statut?: string; page?: string; fait?: string; nombre?: string; approuve?: string; erreur?: string }>;
};

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return adminMetadata(params, "comments.queueTitle");
}

const BULK_FORM = "selection-commentaires";

function Outcome({ query, t }: { query: Awaited<Props["searchParams"]>; t: Translator }) {
  if (query.fait === "reponse") {
    return (
      <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
        {t(query.approuve === "1" ? "comments.queueReplyApprovedToo" : "comments.queueReplyDone")}
      </p>
    );
  }
  const operation = MODERATION_OPERATIONS.find((candidate) => candidate === query.fait);
  if (operation) {
    return (
      <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
        {t(OPERATION_DONE[operation], { count: Number(query.nombre) || 0 })}
      </p>
    );
  }
  if (query.erreur === "selection" || query.erreur === "proprietaire") {
    return (
      <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
        {t(query.erreur === "selection" ? "comments.nothingSelected" : "comments.ownerOnlyDelete")}
      </p>
    );
  }
  return null;
}

function QueueItem({
  comment,
  blog,
  tab,
  operations,
  t,
}: {
  comment: QueueComment;
  blog: { slug: string; language: Language; timeZone: string };
  tab: QueueTab;
  operations: ModerationOperation[];
  t: Translator;
}) {
  const postHref =
    comment.post.status === "published" && comment.post.publishedAt !== null
      ? blogUrl(blog.slug, `${articlePath({ slug: comment.post.slug, publishedAt: comment.post.publishedAt }, blog.timeZone)}#commentaire-${comment.id}`)
      : null;
  const date = formatDateTime(comment.createdAt, blog.language, blog.timeZone);
  return (
    <li id={`file-${comment.id}`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <article aria-label={comment.authorName}>
        <div className="flex flex-wrap items-start gap-3">
          <input
            type="checkbox"
            name="ids"
            value={comment.id}
            form={BULK_FORM}
            aria-label={t("comments.select", { author: comment.authorName })}
            className="mt-1"
          />
          <div className="min-w-0 flex-1 space-y-1 text-sm">
            <p>
              <bdi className="font-semibold">{comment.authorName}</bdi>
              {comment.isMember ? (
                <span className="ml-1 rounded bg-stone-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("comments.authorBadge")}</span>
              ) : null}{" "}
              · <span className="break-all">{comment.authorEmail}</span>
              {comment.authorUrl ? (
                <>
                  {" "}
                  · <span className="break-all">{comment.authorUrl}</span>
                </>
              ) : null}
            </p>
            <p className="text-[var(--color-muted)]">
              {date} ·{" "}
              {postHref ? (
                <a href={postHref}>{t("comments.onPost", { post: comment.post.title })}</a>
              ) : (
                <>
                  {t("comments.onPost", { post: comment.post.title })} ({t("comments.unpublishedPost")})
                </>
              )}
              {comment.parentAuthorName ? <> · {t("comments.inReplyTo", { author: comment.parentAuthorName })}</> : null}
            </p>
            {comment.heldReason && comment.heldReason in HELD_REASON_LABELS && comment.status !== "approved" ? (
              <p className="text-amber-800">{t("comments.heldBecause", { reason: t(HELD_REASON_LABELS[comment.heldReason]) })}</p>
            ) : null}
          </div>
        </div>
        <div className="mt-3 rounded bg-stone-50 p-3">
          <CommentBody text={comment.body} />
        </div>
        <form action={moderateComments} aria-label={t("comments.rowActions", { author: comment.authorName })} className="mt-3 flex flex-wrap gap-2">
          <input type="hidden" name="blog" value={blog.slug} />
          <input type="hidden" name="tab" value={tab.slug} />
          <input type="hidden" name="ids" value={comment.id} />
          {operations.map((operation) => (
            <button
              key={operation}
              type="submit"
              name="operation"
              value={operation}
              className={
                operation === "approve"
                  ? "rounded bg-green-800 px-3 py-1 text-sm font-semibold text-white"
                  : operation === "delete"
                    ? "rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800"
                    : "rounded border border-stone-400 px-3 py-1 text-sm"
              }
            >
              {t(OPERATION_LABELS[operation])}
            </button>
          ))}
        </form>
        {comment.status === "pending" || comment.status === "approved" ? (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-semibold">{t("comments.queueReply")}</summary>
            <QueueReplyForm
              commentId={comment.id}
              tab={tab.slug}
              labels={{ body: t("comments.queueReplyBody"), submit: t("comments.queueReplySubmit"), pending: t("comments.queueReplyPending") }}
            />
          </details>
        ) : null}
      </article>
    </li>
  );
}

/** A blog's comments queue: tabs by status with counts, each comment with its actions, bulk actions on a selection. */
export default async function CommentsQueuePage({ params, searchParams }: Props) {
  const { blog: slug } = await params;
  const query = await searchParams;
  const tab = queueTabFromSlug(query.statut);
  const { user, blog } = await requireMemberBlog(slug, `/admin/${slug}/commentaires?statut=${tab.slug}`);
  const t = getTranslator(blog.language);
  const page = /^[1-9]\d{0,5}$/.test(query.page ?? "") ? Number(query.page) : 1;
  const [counts, { comments, total }] = await Promise.all([
    countCommentsByStatus(blog.id),
    listQueueComments({ blogId: blog.id, status: tab.status, page, pageSize: QUEUE_PAGE_SIZE }),
  ]);
  const operations = OPERATIONS_BY_STATUS[tab.status].filter((operation) => can(asMember(blog, user.id), moderationPermission(operation)));
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const base = `/admin/${blog.slug}/commentaires`;
  return (
    <section aria-labelledby="commentaires-titre">
      <h1 id="commentaires-titre" className="mb-4 font-serif text-3xl font-bold">
        {t("comments.queueTitle")}
      </h1>
      <Outcome query={query} t={t} />
      <nav aria-label={t("comments.queueTabs")} className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {QUEUE_TABS.map((candidate) => (
            <li key={candidate.slug}>
              <a
                href={`${base}?statut=${candidate.slug}`}
                aria-current={candidate.slug === tab.slug ? "page" : undefined}
                className="inline-block rounded-full border border-stone-300 bg-white px-4 py-1 text-sm no-underline aria-[current=page]:border-[var(--color-ink)] aria-[current=page]:font-bold"
              >
                {t(candidate.label)} ({formatCount(counts[candidate.status], blog.language)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {comments.length === 0 ? (
        <p className="rounded-lg bg-white p-6">{t(tab.status === "pending" ? "comments.queueEmptyPending" : "comments.queueEmpty")}</p>
      ) : (
        <>
          <form id={BULK_FORM} action={moderateComments} className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-white p-3 shadow-sm">
            <input type="hidden" name="blog" value={blog.slug} />
            <input type="hidden" name="tab" value={tab.slug} />
            <SelectAll form={BULK_FORM} label={t("comments.selectAll")} />
            <label htmlFor="operation-groupee" className="text-sm font-semibold">
              {t("comments.bulkLabel")}
            </label>
            <select id="operation-groupee" name="operation" defaultValue="" className="rounded border border-stone-300 bg-white px-2 py-1">
              <option value="" disabled>
                {t("comments.bulkChoose")}
              </option>
              {operations.map((operation) => (
                <option key={operation} value={operation}>
                  {t(OPERATION_LABELS[operation])}
                </option>
              ))}
            </select>
            <button type="submit" className="rounded bg-[var(--color-ink)] px-3 py-1 text-sm font-semibold text-white">
              {t("comments.bulkApply")}
            </button>
          </form>
          <ol className="space-y-4">
            {comments.map((comment) => (
              <QueueItem key={comment.id} comment={comment} blog={blog} tab={tab} operations={operations} t={t} />
            ))}
          </ol>
          {pages > 1 ? (
            <nav aria-label={t("blog.pagination")} className="mt-6 flex items-center justify-between text-sm">
              {page > 1 ? <a href={`${base}?statut=${tab.slug}&page=${page - 1}`}>{t("comments.queuePrevious")}</a> : <span />}
              <span>{t("comments.queuePage", { page, pages })}</span>
              {page < pages ? <a href={`${base}?statut=${tab.slug}&page=${page + 1}`}>{t("comments.queueNext")}</a> : <span />}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
