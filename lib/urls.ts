import { env } from "@/lib/env";

/** Absolute address of a page of a blog, on the blog's own host. */
export function blogUrl(blogSlug: string, path = "/"): string {
  return `${env.PUBLIC_PROTOCOL}://${blogSlug}.${env.ROOT_DOMAIN}${path}`;
}

/** Absolute address of a page of the platform (home, administration, "Créer mon blog"). */
export function platformUrl(path = "/"): string {
  return `${env.PUBLIC_PROTOCOL}://${env.ROOT_DOMAIN}${path}`;
}
