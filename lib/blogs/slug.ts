// A blog's address is <slug>.<ROOT_DOMAIN>; its slug is also the first segment of its internal routes,
// so every top-level route of the platform must be reserved here.
export const PLATFORM_SEGMENTS = [
  "a-propos",
  "admin",
  "aide",
  "api",
  "compte",
  "connexion",
  "creer-mon-blog",
  "deconnexion",
  "healthz",
  "inscription",
  "invitation",
  "mot-de-passe",
  "readyz",
  "static",
] as const;

export const RESERVED_BLOG_SLUGS = new Set<string>([
  ...PLATFORM_SEGMENTS,
  "www",
  "mail",
  "smtp",
  "imap",
  "pop",
  "ftp",
  "carnet",
  "blog",
  "blogs",
  "app",
  "assets",
  "cdn",
  "media",
  "img",
  "images",
  "support",
  "help",
  "status",
  "login",
  "logout",
  "signup",
  "register",
  "account",
  "dashboard",
  "root",
  "postmaster",
  "webmaster",
  "abuse",
  "security",
  "localhost",
]);

export const BLOG_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$/;

/** Whether a string has the shape of a blog slug: 3–30 lowercase letters, digits and inner hyphens. */
export function isWellFormedBlogSlug(slug: string): boolean {
  return BLOG_SLUG_PATTERN.test(slug) && !slug.includes("--");
}

/** Whether a string may be the address of a blog: well formed and not reserved by the platform. */
export function isAvailableBlogSlugShape(slug: string): boolean {
  return isWellFormedBlogSlug(slug) && !RESERVED_BLOG_SLUGS.has(slug);
}
