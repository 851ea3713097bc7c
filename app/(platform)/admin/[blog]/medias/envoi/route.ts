import { getSessionUser } from "@/lib/auth/session";
import { getMemberBlog } from "@/lib/blogs/access";
import { isWellFormedBlogSlug } from "@/lib/blogs/slug";
import { getTranslator } from "@/lib/i18n";
import { uploadMedia } from "@/lib/media/mutations";
import { isPostFromPlatform, readUploadForm } from "@/lib/media/upload-request";
import { consumeRateLimit } from "@/lib/rate-limit";

// An upload is a plain form post (it works without JavaScript) answered with a redirect to the media
// page, which shows the outcome. A route handler rather than a server action: it can refuse an oversized
// file with a message, where a server action over its body limit can only fail.

type Context = { params: Promise<{ blog: string }> };

// Plenty for illustrating posts, not enough to fill the disk.
const UPLOADS_PER_HOUR = 100;

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
const refused = (status: number) =>
  new Response(getTranslator("fr")("forms.notAllowed"), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function POST(request: Request, { params }: Context) {
  const { blog: slug } = await params;
  if (!isWellFormedBlogSlug(slug)) return refused(404);
  if (!isPostFromPlatform(request)) return refused(403);
  const mediaPage = `/admin/${slug}/medias`;
  const user = await getSessionUser();
  if (!user) return seeOther(`/connexion?retour=${encodeURIComponent(mediaPage)}&session=expiree`);
  const blog = await getMemberBlog({ userId: user.id, blogSlug: slug });
  if (!blog) return refused(403);

  // The form shows again with the alternative text as typed (the file itself cannot be given back).
  const back = (problem: string, alt: unknown) =>
    seeOther(`${mediaPage}?${new URLSearchParams({ erreur: problem, alt: typeof alt === "string" ? alt.slice(0, 1000) : "" })}`);
  if (!(await consumeRateLimit(`media-upload:user:${user.id}`, UPLOADS_PER_HOUR, 60 * 60_000))) return back("rateLimited", "");

  const upload = await readUploadForm(request);
  if (!upload.ok) return back(upload.problem, upload.problem === "tooLarge" ? upload.leadingFields.alt : "");
  const typedAlt = upload.form.get("alt");
  const file = upload.form.get("fichier");
  if (!(file instanceof File) || file.size === 0) return back("empty", typedAlt);

  const alt = typeof typedAlt === "string" ? typedAlt : "";
  const result = await uploadMedia({ userId: user.id, blogId: blog.id, bytes: new Uint8Array(await file.arrayBuffer()), alt });
  if (!result.ok) return result.problem === "forbidden" ? refused(403) : back(result.problem, alt);
  return seeOther(`${mediaPage}?${result.duplicate ? "deja" : "envoye"}=${result.mediaId}#media-${result.mediaId}`);
}
