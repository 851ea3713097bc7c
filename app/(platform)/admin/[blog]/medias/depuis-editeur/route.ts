import { limitReachedMessage } from "@/lib/abuse/limits";
import { blogRoute } from "@/lib/actions/route";
import { uploadMedia } from "@/lib/media/mutations";
import { uploadProblem } from "@/lib/media/problems";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/lib/media/upload-request";
import { getMediaItem } from "@/lib/media/queries";
import { blogUrl } from "@/lib/urls";

// The editor's upload (button, drag-and-drop, paste): the same guard, caps and image checks as the media
// page's form, answered in JSON for the script that shows the progress and inserts the image at the cursor.

const json = (body: object, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

export const POST = blogRoute<true>({
  permission: "media.upload",
  page: (slug) => `/admin/${slug}/articles/nouveau`,
  rateLimit: { name: "media-upload", limit: 100, windowMs: 60 * 60_000, refused: (_, t) => json({ ok: false, error: uploadProblem("rateLimited", t)?.file }, 429) },
  form: { maxBytes: MAX_UPLOAD_REQUEST_BYTES },
  run: async ({ user, member, t, form }) => {
    const refused = (problem: string) => ({ response: json({ ok: false, error: uploadProblem(problem, t)?.file ?? uploadProblem(problem, t)?.alt ?? t("forms.invalid") }, 400) });
    if (!form.ok) return refused(form.problem);
    const file = form.form.get("fichier");
    if (!(file instanceof File) || file.size === 0) return refused("empty");
    const alt = form.form.get("alt");
    const result = await uploadMedia({ userId: user.id, blogId: member.id, bytes: new Uint8Array(await file.arrayBuffer()), alt: typeof alt === "string" ? alt : "" });
    if (!result.ok) {
      if (result.problem === "dailyLimit") return { response: json({ ok: false, error: limitReachedMessage("uploads", member.createdAt, undefined, member.language) }, 429) };
      return result.problem === "forbidden" ? { response: json({ ok: false, error: t("forms.notAllowed") }, 403) } : refused(result.problem);
    }
    const item = await getMediaItem({ blogId: member.id, mediaId: result.mediaId });
    if (!item) return refused("unreadable");
    // The path goes into the Markdown (readers load it from the blog's host); the address, into the preview.
    return { response: json({ ok: true, id: item.id, path: item.url, src: blogUrl(member.slug, item.url) }) };
  },
});
