import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Timestamps of Carnet's own tables are milliseconds since the epoch (plain numbers): they survive the
// JSON round trip of Next's data cache unchanged. The Auth.js tables keep the Date modes its adapter expects.
const createdAt = () =>
  integer("created_at")
    .notNull()
    .$defaultFn(() => Date.now());

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

// ---------------------------------------------------------------------------------------------
// Accounts (Auth.js tables, names and columns as @auth/drizzle-adapter expects, plus our own fields)
// ---------------------------------------------------------------------------------------------

export const users = sqliteTable("user", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: integer("emailVerified", { mode: "timestamp_ms" }),
  image: text("image"),
  passwordHash: text("password_hash"),
  // Bumped when the password changes or the person signs out everywhere: older sessions stop working.
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: createdAt(),
});

export const accounts = sqliteTable(
  "account",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("account_user_idx").on(t.userId)],
);

export const sessions = sqliteTable(
  "session",
  {
    sessionToken: text("sessionToken").primaryKey(),
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const verificationTokens = sqliteTable(
  "verificationToken",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------------------------------------
// Blogs and their members
// ---------------------------------------------------------------------------------------------

export const MODERATION_MODES = ["all", "first-time", "none"] as const;
export const SIDEBAR_WIDGETS = ["newsletter", "visitors", "archives", "categories", "search"] as const;

export type BlogSettings = {
  accentColor: string;
  sidebarWidgets: (typeof SIDEBAR_WIDGETS)[number][];
  moderation: (typeof MODERATION_MODES)[number];
  newsletterFullText: boolean;
  feedFullText: boolean;
};

export const DEFAULT_BLOG_SETTINGS: BlogSettings = {
  accentColor: "#8a3b12",
  sidebarWidgets: ["newsletter", "visitors", "archives", "categories", "search"],
  moderation: "first-time",
  newsletterFullText: false,
  feedFullText: true,
};

export const blogs = sqliteTable("blog", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  language: text("language", { enum: LANGUAGES }).notNull().default("fr"),
  timeZone: text("time_zone").notNull().default("Europe/Paris"),
  ownerId: text("owner_id")
    .notNull()
    .references(() => users.id),
  settings: text("settings", { mode: "json" }).$type<BlogSettings>().notNull().default(DEFAULT_BLOG_SETTINGS),
  createdAt: createdAt(),
});

// The address of a deleted blog rests a while before anyone may open a blog there again: links, feeds
// and readers' bookmarks that still point at it do not land on a stranger's blog at once.
export const restingBlogSlugs = sqliteTable("resting_blog_slug", {
  slug: text("slug").primaryKey(),
  // Not a reference: the blog is gone.
  formerBlogId: integer("former_blog_id").notNull(),
  availableAt: integer("available_at").notNull(),
  createdAt: createdAt(),
});

export const MEMBER_ROLES = ["owner", "author"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const blogMembers = sqliteTable(
  "blog_member",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBER_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.userId] }), index("blog_member_user_idx").on(t.userId)],
);

export const blogInvitations = sqliteTable(
  "blog_invitation",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: MEMBER_ROLES }).notNull().default("author"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("blog_invitation_blog_email_idx").on(t.blogId, t.email)],
);

// ---------------------------------------------------------------------------------------------
// Writing: categories, tags, media, posts and their revisions
// ---------------------------------------------------------------------------------------------

export const categories = sqliteTable(
  "category",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("category_blog_slug_idx").on(t.blogId, t.slug)],
);

export const tags = sqliteTable(
  "tag",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("tag_blog_slug_idx").on(t.blogId, t.slug)],
);

export const media = sqliteTable(
  "media",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    uploaderId: text("uploader_id").references(() => users.id, { onDelete: "set null" }),
    storageKey: text("storage_key").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    width: integer("width"),
    height: integer("height"),
    alt: text("alt").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("media_blog_idx").on(t.blogId, t.createdAt)],
);

export const POST_STATUSES = ["draft", "scheduled", "published"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const posts = sqliteTable(
  "post",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    // Rendered and sanitised when the post is saved, so that a page render does no Markdown work.
    bodyHtml: text("body_html").notNull().default(""),
    excerpt: text("excerpt").notNull().default(""),
    status: text("status", { enum: POST_STATUSES }).notNull().default("draft"),
    // For a published post, when it went out; for a scheduled one, when it will.
    publishedAt: integer("published_at"),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "set null" }),
    // When the newsletter mails for this post were queued: a post is sent to subscribers once.
    newsletterQueuedAt: integer("newsletter_queued_at"),
    coverMediaId: integer("cover_media_id").references(() => media.id, { onDelete: "set null" }),
    // True once the blogger wrote the summary themselves; until then it follows the text at each save.
    excerptCustom: integer("excerpt_custom", { mode: "boolean" }).notNull().default(false),
    // Bumped by every save and autosave: an editor holding an older number is told the post changed.
    editVersion: integer("edit_version").notNull().default(0),
    // An autosave of a scheduled or published post: kept aside until « Mettre à jour », never public.
    pendingTitle: text("pending_title"),
    pendingBody: text("pending_body"),
    pendingSavedAt: integer("pending_saved_at"),
    // The secret of the post's preview link (/apercu/<token> on the blog's host), while the blogger shares
    // one; looked up through its unique index. Kept in clear, as the draft it opens is: the editor shows
    // the link again each time it opens.
    previewToken: text("preview_token"),
    // What search engines and shared links show instead of the title and summary, when the blogger wrote it.
    seoTitle: text("seo_title"),
    seoDescription: text("seo_description"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("post_blog_slug_idx").on(t.blogId, t.slug),
    index("post_blog_status_published_idx").on(t.blogId, t.status, t.publishedAt),
    index("post_blog_category_idx").on(t.blogId, t.categoryId, t.status, t.publishedAt),
    index("post_status_published_idx").on(t.status, t.publishedAt),
    // The administration's lists: every post of a blog, or one status, most recently changed first.
    index("post_blog_updated_idx").on(t.blogId, t.updatedAt),
    index("post_blog_status_updated_idx").on(t.blogId, t.status, t.updatedAt),
    uniqueIndex("post_preview_token_idx").on(t.previewToken),
  ],
);

export const postTags = sqliteTable(
  "post_tag",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] }), index("post_tag_tag_idx").on(t.tagId)],
);

export const postRevisions = sqliteTable(
  "post_revision",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    excerpt: text("excerpt").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("post_revision_post_idx").on(t.postId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Readers: comments and newsletter subscribers
// ---------------------------------------------------------------------------------------------

export const COMMENT_STATUSES = ["pending", "approved", "spam", "trash"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const comments = sqliteTable(
  "comment",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    parentId: integer("parent_id"),
    authorName: text("author_name").notNull(),
    authorEmail: text("author_email").notNull(),
    authorUrl: text("author_url"),
    // Set when a signed-in member of the blog wrote it: shown with an author badge, never held.
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    status: text("status", { enum: COMMENT_STATUSES }).notNull().default("pending"),
    // Why a defence held it or called it spam, for the moderator.
    heldReason: text("held_reason"),
    // Salted hash of the client, never the raw address.
    clientHash: text("client_hash"),
    createdAt: createdAt(),
  },
  (t) => [
    // The blog's id after the post's and the status: an article's comments are read with all three
    // (the tenant condition repeated), and SQLite, which keeps no statistics here, otherwise prefers the
    // blog-wide index below and reads every approved comment of the blog to keep one post's.
    index("comment_post_status_idx").on(t.postId, t.status, t.blogId, t.createdAt),
    index("comment_blog_status_idx").on(t.blogId, t.status, t.createdAt),
    index("comment_blog_email_idx").on(t.blogId, t.authorEmail),
  ],
);

// How many comments a blog holds in each status: the moderation queue's tabs read four rows here
// instead of counting every comment of the blog. Kept by triggers on `comment` (migration
// 0009_comment_counts), in the statement that changes a comment, whatever the path: posting,
// moderation, import, and the cascades of a post's or a blog's deletion. Statuses at zero keep their row.
export const commentCounts = sqliteTable(
  "comment_count",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    status: text("status", { enum: COMMENT_STATUSES }).notNull(),
    total: integer("total").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.status] })],
);

export const SUBSCRIBER_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

// « Me prévenir des réponses »: an address that asked, with a comment, to be told of the replies in its
// thread (the root comment). Pending until the address confirms the link mailed once that comment is
// approved. Its links (confirm, unsubscribe) carry its token: 256 random bits, looked up through their
// unique index and only on the subscription's own blog, like a post's preview link.
export const replySubscriptions = sqliteTable(
  "comment_reply_subscription",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    token: text("token").notNull(),
    status: text("status", { enum: SUBSCRIBER_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
    confirmedAt: integer("confirmed_at"),
    unsubscribedAt: integer("unsubscribed_at"),
  },
  (t) => [
    uniqueIndex("reply_subscription_thread_email_idx").on(t.threadId, t.email),
    uniqueIndex("reply_subscription_token_idx").on(t.token),
    index("reply_subscription_blog_idx").on(t.blogId, t.email),
  ],
);

export const subscribers = sqliteTable(
  "newsletter_subscriber",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    status: text("status", { enum: SUBSCRIBER_STATUSES }).notNull().default("pending"),
    source: text("source").notNull().default("form"),
    createdAt: createdAt(),
    confirmedAt: integer("confirmed_at"),
    unsubscribedAt: integer("unsubscribed_at"),
    lastConfirmationSentAt: integer("last_confirmation_sent_at"),
  },
  (t) => [
    uniqueIndex("subscriber_blog_email_idx").on(t.blogId, t.email),
    index("subscriber_blog_status_idx").on(t.blogId, t.status),
  ],
);

// ---------------------------------------------------------------------------------------------
// The e-mail outbox: every message Carnet sends is a durable row first
// ---------------------------------------------------------------------------------------------

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Unique per message ("confirm:<subscriberId>:<n>", "post:<postId>:<subscriberId>"…): queueing twice is a no-op.
    key: text("key").notNull().unique(),
    blogId: integer("blog_id").references(() => blogs.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lockedUntil: integer("locked_until"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    index("outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    index("outbox_blog_idx").on(t.blogId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Audience: view counters
// ---------------------------------------------------------------------------------------------

export const blogViewTotals = sqliteTable("blog_view_total", {
  blogId: integer("blog_id")
    .primaryKey()
    .references(() => blogs.id, { onDelete: "cascade" }),
  views: integer("views").notNull().default(0),
});

export const postViewTotals = sqliteTable(
  "post_view_total",
  {
    postId: integer("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    views: integer("views").notNull().default(0),
  },
  (t) => [index("post_view_total_blog_idx").on(t.blogId, t.views)],
);

export const dailyViews = sqliteTable(
  "daily_view",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    // Calendar day in UTC, "YYYY-MM-DD".
    day: text("day").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.day] })],
);

export const dailyPostViews = sqliteTable(
  "daily_post_view",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.postId, t.day] }), index("daily_post_view_blog_day_idx").on(t.blogId, t.day)],
);

export const dailyReferrers = sqliteTable(
  "daily_referrer",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    // Domain only, never the full address.
    domain: text("domain").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.day, t.domain] })],
);

// ---------------------------------------------------------------------------------------------
// Rate limits shared by every instance: sign-in attempts, comments, newsletter signups
// ---------------------------------------------------------------------------------------------

export const rateLimits = sqliteTable("rate_limit", {
  // "<what>:<who>", e.g. "signin:email:<address>" or "comment:client:<hash>".
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: integer("reset_at").notNull(),
});

export type Blog = typeof blogs.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type Comment = typeof comments.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Imports: jobs, what each imported thing was called at its source, and the old addresses
// ---------------------------------------------------------------------------------------------

export type ImportProblem = { key: string; values?: Record<string, string | number> };

export const IMPORT_KINDS = ["wxr", "feed", "canalblog"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const importJobs = sqliteTable(
  "import_job",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    // The importing blogger: every imported post is theirs, whoever wrote it at the source.
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    // A file kept under data/imports, or the address given.
    source: text("source").notNull(),
    // The name the blogger knows it by (the uploaded file's name, the address).
    label: text("label").notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("queued"),
    itemsTotal: integer("items_total"),
    // Items of the source handled so far, written in the transaction of each batch: a resumed job skips them.
    itemsDone: integer("items_done").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    // The first problems met, for the blogger (names of images not fetched, items skipped…), as
    // catalogue keys of lib/i18n/messages/*/import.json with their values.
    report: text("report", { mode: "json" }).$type<ImportProblem[]>().notNull().default([]),
    // A running job's lease: a job whose lease ran out (the server stopped) is taken up again.
    lockedUntil: integer("locked_until"),
    createdAt: createdAt(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("import_job_blog_idx").on(t.blogId, t.createdAt), index("import_job_status_idx").on(t.status, t.lockedUntil)],
);

export const IMPORTED_ENTITIES = ["post", "comment", "media"] as const;

export const importedItems = sqliteTable(
  "imported_item",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    entity: text("entity", { enum: IMPORTED_ENTITIES }).notNull(),
    // Stable at the source: "wxr:post:123", "wxr:comment:123:9", an article's or image's address.
    sourceKey: text("source_key").notNull(),
    localId: integer("local_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.entity, t.sourceKey] })],
);

export const oldAddresses = sqliteTable(
  "old_address",
  {
    blogId: integer("blog_id")
      .notNull()
      .references(() => blogs.id, { onDelete: "cascade" }),
    // Path and query of the address at the source: "/2019/03/mon-billet/", "/?p=123".
    path: text("path").notNull(),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.blogId, t.path] }), index("old_address_post_idx").on(t.postId)],
);

export type ImportJob = typeof importJobs.$inferSelect;
