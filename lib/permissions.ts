import type { MemberRole } from "@/lib/db/schema";

// Who may do what in a blog: the one place where roles mean something. Owners may do everything in
// their blog; authors write and file their own posts, upload and describe their own images, answer and
// moderate comments; the blog's settings, team, subscribers and outbox, and deleting comments for good,
// are the owners' business. Nothing here reaches across blogs: a resource of another blog is refused.

type Rule = "member" | "owner" | "owner-or-author";

const RULES = {
  /** See the blog's administration (posts, statistics, categories, comments). */
  "blog.view": "member",
  "post.create": "member",
  /** Save, publish, schedule, unpublish, delete, restore a revision. */
  "post.edit": "owner-or-author",
  /** Create or revoke the preview link of an unpublished post: whoever may edit it. */
  "post.share": "owner-or-author",
  /** Render Markdown in the editor's preview. */
  "post.preview": "member",
  "category.manage": "member",
  "comment.moderate": "member",
  "comment.reply": "member",
  /** What is deleted cannot be recovered. */
  "comment.delete": "owner",
  "media.upload": "member",
  /** Change the alternative text of an image, or delete it. */
  "media.edit": "owner-or-author",
  "subscribers.manage": "owner",
  "settings.edit": "owner",
  "blog.import": "owner",
  "team.manage": "owner",
  "outbox.view": "owner",
  /** Download the whole blog (its subscribers' addresses included). */
  "blog.export": "owner",
  /** Delete the blog for good, or hand it over to another member. */
  "blog.delete": "owner",
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

/** A person's membership of one blog. */
export type Member = { userId: string; blogId: number; role: MemberRole };

/** What an action touches: always of one blog, sometimes written by someone (a post's author, an image's uploader). */
export type Resource = { blogId: number; authorId?: string | null };

/**
 * Whether `member` may do `action` on `resource` (or on their blog as a whole when there is none). No
 * membership, or a resource of another blog, is always a no. "owner-or-author" without a resource is
 * the owner's only.
 */
export function can(member: Member | null | undefined, action: Permission, resource?: Resource): boolean {
  if (!member) return false;
  if (resource && resource.blogId !== member.blogId) return false;
  switch (RULES[action] as Rule) {
    case "member":
      return true;
    case "owner":
      return member.role === "owner";
    case "owner-or-author":
      return member.role === "owner" || (resource?.authorId != null && resource.authorId === member.userId);
  }
}
