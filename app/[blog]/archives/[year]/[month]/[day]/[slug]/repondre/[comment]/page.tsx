import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BlogShell } from "@/components/blog/blog-shell";
import { commentFormLabels } from "@/components/blog/comments-section";
import { commentHtml } from "@/lib/comments/html";
import { CommentForm } from "@/components/comments/comment-form";
import { getTranslator } from "@/lib/i18n";
import { articlePath } from "@/lib/posts/paths";
import { readComments, readPost } from "@/lib/reader/cached-reads";
import { loadBlogOrNotFound, parseRouteNumber } from "@/lib/reader/blog-page";

type Params = { blog: string; year: string; month: string; day: string; slug: string; comment: string };
type Props = { params: Promise<Params> };

// "Répondre" without JavaScript: a static page per comment answered, rendered on its first request.
export const revalidate = 3600;

export async function generateStaticParams(): Promise<Params[]> {
  return [];
}

async function loadReply(params: Params) {
  const blog = await loadBlogOrNotFound(params.blog);
  const valid =
    parseRouteNumber(params.year, 4, 1990, 2999) !== null &&
    parseRouteNumber(params.month, 2, 1, 12) !== null &&
    parseRouteNumber(params.day, 2, 1, 31) !== null &&
    /^[a-z0-9-]{1,120}$/.test(params.slug) &&
    /^[1-9]\d{0,9}$/.test(params.comment);
  if (!valid) notFound();
  const post = await readPost({ blogId: blog.id, slug: params.slug });
  if (!post) notFound();
  const path = articlePath(post, blog.timeZone);
  if (path !== `/archives/${params.year}/${params.month}/${params.day}/${params.slug}`) notFound();
  const comments = await readComments({ blogId: blog.id, postId: post.id });
  const comment = comments.find((candidate) => candidate.id === Number(params.comment));
  if (!comment) notFound();
  return { blog, post, path, comment };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { blog, post, comment } = await loadReply(await params);
  const t = getTranslator(blog.language);
  return { title: t("comments.replyPageTitle", { author: comment.authorName, post: post.title }), robots: { index: false } };
}

export default async function ReplyPage({ params }: Props) {
  const { blog, post, path, comment } = await loadReply(await params);
  const t = getTranslator(blog.language);
  const replyPath = `${path}/repondre/${comment.id}`;
  return (
    <BlogShell blog={blog}>
      <h1 className="font-serif text-3xl font-bold leading-tight">
        <a href={path} className="text-[var(--color-ink)]">
          {post.title}
        </a>
      </h1>
      <div className="commentaires mt-6" dangerouslySetInnerHTML={{ __html: commentHtml(comment, { language: blog.language, timeZone: blog.timeZone, t }) }} />
      <CommentForm
        postId={post.id}
        parentId={comment.id}
        permalink={replyPath}
        idPrefix="reponse"
        labels={commentFormLabels(t, t("comments.replyFormTitle", { author: comment.authorName }), t("comments.replySubmit"))}
      />
      <p className="mt-6">
        <a href={`${path}#commentaire-${comment.id}`}>{t("comments.backToArticle")}</a>
      </p>
    </BlogShell>
  );
}
