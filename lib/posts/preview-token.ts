import { randomBytes } from "node:crypto";

// A preview link's secret: 256 random bits, URL-safe, found through the unique index of post.preview_token
// (so nothing is compared character by character in the page's code).

/** A fresh, unguessable preview token (43 characters of base64url). */
export function newPreviewToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a path segment has the shape of a preview token (so that nothing else is looked up). */
export function isPreviewTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The preview page of a token, on the blog's host. */
export const previewPath = (token: string) => `/apercu/${token}`;
