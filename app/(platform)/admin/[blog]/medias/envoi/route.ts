import { blogRoute } from "@/lib/actions/route";
import { uploadMedia } from "@/lib/media/mutations";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/lib/media/upload-request";

// An upload is a plain form post (it works without JavaScript) answered with a redirect to the media
// page, which shows the outcome. A route handler rather than a server action: it can refuse an oversized
// file with a message, where a server action over its body limit can only fail. The guard (session,
// origin, membership, media.upload, rate limit, the body read under its cap) is lib/actions/route.ts.

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
const mediaPage = (slug: string) => `/admin/${slug}/medias`;

/** Back to the library, the form showing the alternative text as typed (the file itself cannot be given back). */
const back = (slug: string, problem: string, alt: unknown) =>
  seeOther(`${mediaPage(slug)}?${new URLSearchParams({ erreur: problem, alt: typeof alt === "string" ? alt.slice(0, 1000) : "" })}`);

export const POST = blogRoute<true>({
  permission: "media.upload",
  page: mediaPage,
  // Plenty for illustrating posts, not enough to fill the disk.
  rateLimit: { name: "media-upload", limit: 100, windowMs: 60 * 60_000, refused: (slug) => back(slug, "rateLimited", "") },
  form: { maxBytes: MAX_UPLOAD_REQUEST_BYTES },
  run: async ({ user, member, form }) => {
    if (!form.ok) return { response: back(member.slug, form.problem, form.problem === "tooLarge" ? form.leadingFields.alt : "") };
    const typedAlt = form.form.get("alt");
    const file = form.form.get("fichier");
    if (!(file instanceof File) || file.size === 0) return { response: back(member.slug, "empty", typedAlt) };
    const alt = typeof typedAlt === "string" ? typedAlt : "";
    const result = await uploadMedia({ userId: user.id, blogId: member.id, bytes: new Uint8Array(await file.arrayBuffer()), alt });
    if (!result.ok) return { response: back(member.slug, result.problem, alt) };
    return { response: seeOther(`${mediaPage(member.slug)}?${result.duplicate ? "deja" : "envoye"}=${result.mediaId}#media-${result.mediaId}` ) };
  },
});
