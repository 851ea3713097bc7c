import type { CommentStatus } from "@/lib/db/schema";
import type { Permission } from "@/lib/permissions";

// The tabs of the moderation queue and the operations each offers; addresses are French, like the rest
// of the administration (/admin/<blog>/commentaires?statut=indesirables).

export const MODERATION_OPERATIONS = ["approve", "spam", "trash", "restore", "delete"] as const;
export type ModerationOperation = (typeof MODERATION_OPERATIONS)[number];

/** Bulk actions act on at most one page of the queue at a time. */
export const MAX_BULK = 100;

/** What lib/permissions.ts must allow for an operation: deleting for good is its own (owners'), the rest is moderating. */
export const moderationPermission = (operation: ModerationOperation): Permission => (operation === "delete" ? "comment.delete" : "comment.moderate");

export const QUEUE_TABS = [
  { status: "pending", slug: "en-attente", label: "comments.tabPending" },
  { status: "approved", slug: "approuves", label: "comments.tabApproved" },
  { status: "spam", slug: "indesirables", label: "comments.tabSpam" },
  { status: "trash", slug: "corbeille", label: "comments.tabTrash" },
] as const satisfies readonly { status: CommentStatus; slug: string; label: string }[];

export type QueueTab = (typeof QUEUE_TABS)[number];

export function queueTabFromSlug(slug: unknown): QueueTab {
  return QUEUE_TABS.find((tab) => tab.slug === slug) ?? QUEUE_TABS[0];
}

/** What can be done to a comment in each tab; "restore" sends spam and trash back to pending. */
export const OPERATIONS_BY_STATUS: Record<CommentStatus, readonly ModerationOperation[]> = {
  pending: ["approve", "spam", "trash"],
  approved: ["spam", "trash"],
  spam: ["approve", "restore", "trash", "delete"],
  trash: ["approve", "restore", "delete"],
};

export const OPERATION_LABELS = {
  approve: "comments.approve",
  spam: "comments.markSpam",
  trash: "comments.trash",
  restore: "comments.restore",
  delete: "comments.deleteForGood",
} as const satisfies Record<ModerationOperation, string>;

export const OPERATION_DONE = {
  approve: "comments.doneApprove",
  spam: "comments.doneSpam",
  trash: "comments.doneTrash",
  restore: "comments.doneRestore",
  delete: "comments.doneDelete",
} as const satisfies Record<ModerationOperation, string>;

export const HELD_REASON_LABELS = {
  honeypot: "comments.reasonHoneypot",
  "forged-token": "comments.reasonForgedToken",
  "too-fast": "comments.reasonTooFast",
  "rate-limit": "comments.reasonRateLimit",
  "no-timing": "comments.reasonNoTiming",
  links: "comments.reasonLinks",
  "moderation-all": "comments.reasonModerationAll",
  "first-time": "comments.reasonFirstTime",
} as const;

export const QUEUE_PAGE_SIZE = 50;
