import type { ImportProblem } from "@/lib/db/schema";

// What every source (WordPress export, RSS or Atom feed, Canalblog pages) is turned into before import.

export type SourceComment = {
  sourceId: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  // HTML or text as the source has it; the importer keeps its text.
  body: string;
  createdAt: number | null;
  status: "approved" | "pending" | "spam";
};

export type SourcePost = {
  // Stable at the source ("wxr:post:123", an entry's id, an article's address): importing again updates.
  sourceKey: string;
  isPage: boolean;
  title: string;
  slug: string;
  html: string;
  excerpt: string;
  status: "published" | "scheduled" | "draft";
  publishedAt: number | null;
  categories: string[];
  tags: string[];
  // Addresses the post had at its source, each kept as a redirect to its new address.
  oldAddresses: string[];
  featuredImageUrl: string | null;
  comments: SourceComment[];
  /** The title and description for search engines, when the source has them (a WXR file's SEO meta). */
  seoTitle?: string | null;
  seoDescription?: string | null;
};

/** A whole source refused (malformed, hostile, of another format), with a catalogue key for the blogger. */
export class ImportSourceError extends Error {
  readonly problem: ImportProblem;
  constructor(key: string, values?: Record<string, string | number>) {
    super(`${key}${values ? ` ${JSON.stringify(values)}` : ""}`);
    this.name = "ImportSourceError";
    this.problem = { key, values };
  }
}
