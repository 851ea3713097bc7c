"use server";

import { z } from "zod";
import { blogAction, type Done } from "@/lib/actions/pipeline";
import { deleteMedia, updateMediaAlt } from "./mutations";
import { getMediaRef } from "./queries";

// The media library's actions, through lib/actions/pipeline.ts (media.edit: owners any image, authors
// the images they uploaded). Uploads are a route handler on the same guard (lib/actions/route.ts).

const id = z.coerce.number().int().positive();

export const updateMediaAltAction = blogAction({
  schema: z.object({ blogId: id, mediaId: id, alt: z.string().max(2000).default("") }),
  keep: ["alt"],
  permission: "media.edit",
  resource: (input, member) => getMediaRef({ blogId: member.id, mediaId: input.mediaId }),
  refusal: "admin.mediaNotFound",
  run: async ({ input, user, member }): Done => {
    const result = await updateMediaAlt({ userId: user.id, blogId: member.id, mediaId: input.mediaId, alt: input.alt });
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors };
    // The library shows the new text too.
    return { ok: true, message: result.message, tags: result.tags, refresh: true };
  },
});

export const deleteMediaAction = blogAction({
  schema: z.object({ blogId: id, mediaId: id }),
  permission: "media.edit",
  resource: (input, member) => getMediaRef({ blogId: member.id, mediaId: input.mediaId }),
  refusal: "admin.mediaNotFound",
  run: async ({ input, user, member, t }): Done => {
    const result = await deleteMedia({ userId: user.id, blogId: member.id, mediaId: input.mediaId });
    // Its only failure: the image is gone (deleted meanwhile); said in the blog's language.
    if (!result.ok) return { ok: false, error: t("admin.mediaNotFound") };
    return { ok: true, tags: result.tags, redirectTo: `/admin/${member.slug}/medias?supprime=1` };
  },
});
