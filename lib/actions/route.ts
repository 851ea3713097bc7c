import "server-only";
import { revalidateTag } from "next/cache";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { asMember, getMemberBlog } from "@/lib/blogs/access";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { getTranslator, type Translator } from "@/lib/i18n";
import { isPostFromPlatform, readUploadForm, type UploadForm } from "@/lib/media/upload-request";
import { can, type Permission } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import type { BlogMember } from "./pipeline";

// The same guard as blogAction, for the administration's route handlers (an upload, an export): the
// blog comes from the URL, so the membership is checked before the body is read, and the body is read
// under its cap by the wrapper, never by the handler.

type Context = { params: Promise<{ blog: string }> };

export type RouteOutcome = { response: Response; tags?: string[] };

type BlogRouteSpec<WithForm extends boolean> = {
  permission: Permission;
  /** Where a signed-out person comes back to after signing in (the page the form or link sits on). */
  page: (slug: string) => string;
  /** The message of a 403 (the caller is not a member, or may not do this). */
  refusal?: Parameters<Translator>[0];
  /** Per user; `refused` answers over the limit (in the blog's language), before the body is read. */
  rateLimit?: { name: string; limit: number; windowMs: number; refused: (slug: string, t: Translator) => Response };
  /** A multipart body read under this many bytes at most, handed to `run` (a form post). */
  form?: WithForm extends true ? { maxBytes: number } : never;
  run: (context: {
    request: Request;
    user: SessionUser;
    member: BlogMember;
    t: Translator;
    form: WithForm extends true ? UploadForm : undefined;
  }) => Promise<RouteOutcome>;
};

const french = getTranslator("fr");
const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/** A route handler of a blog's administration (GET for a download, POST for a form that changes data). */
export function blogRoute<WithForm extends boolean = false>(spec: BlogRouteSpec<WithForm>) {
  return async (request: Request, { params }: Context): Promise<Response> => {
    const { blog: slug } = await params;
    const t = french;
    if (!isWellFormedBlogSlug(slug)) return text(t("forms.notAllowed"), 404);
    // Server actions check the origin on their own; a route handler that changes data must do it too (CSRF).
    if (request.method !== "GET" && request.method !== "HEAD" && !isPostFromPlatform(request)) return text(t("forms.notAllowed"), 403);
    const user = await getSessionUser();
    if (!user) return seeOther(`/connexion?retour=${encodeURIComponent(spec.page(slug))}&session=expiree`);
    const blog = await getMemberBlog({ userId: user.id, blogSlug: slug });
    const member: BlogMember | null = blog ? asMember(blog, user.id) : null;
    if (!member || !can(member, spec.permission)) return text(t(spec.refusal ?? "forms.notAllowed"), 403);
    const limit = spec.rateLimit;
    const memberT = getTranslator(member.language);
    if (limit && !(await consumeRateLimit(`${limit.name}:user:${user.id}`, limit.limit, limit.windowMs))) return limit.refused(slug, memberT);
    const form = (spec.form ? await readUploadForm(request, spec.form.maxBytes) : undefined) as WithForm extends true ? UploadForm : undefined;
    const outcome = await spec.run({ request, user, member, t: memberT, form });
    // From a route handler: no stale page is served after this.
    for (const tag of outcome.tags ?? []) revalidateTag(tag, { expire: 0 });
    return outcome.response;
  };
}

/** The headers of a file the administration hands over (an export): a download, never cached. */
export function downloadHeaders(contentType: string, fileName: string): Record<string, string> {
  return { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "private, no-store" };
}
