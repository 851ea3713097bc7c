"use server";

import { z } from "zod";
import { blogAction, userAction, type RunOutcome } from "@/lib/actions/pipeline";
import { signOut } from "@/lib/auth";
import { deleteAccount, handOverBlog, setDisplayName } from "./mutations";

const HERE = "/compte/supprimer";

/** Makes another member owner of a blog, so that its sole owner may leave (a plain form: the page says how it went). */
export const handOverBlogAction = blogAction({
  schema: z.object({ blogId: z.coerce.number().int().positive(), successorId: z.string().min(1).max(100) }),
  permission: "blog.delete",
  redirectOnRefusal: () => `${HERE}?transmission=refusee`,
  async run({ input, user, member, t }): Promise<RunOutcome> {
    const outcome = await handOverBlog({ userId: user.id, blogId: member.id, successorId: input.successorId });
    if (!outcome.ok) return { ok: false, error: t("leaving.handOverInvalid") };
    return { ok: true, redirectTo: `${HERE}?transmis=1` };
  },
});

/** The hand-over as a plain form's action (it always ends in a redirect to the page, which says how it went). */
export async function handOverBlogFormAction(form: FormData): Promise<void> {
  await handOverBlogAction(form);
}

/** « Votre nom »: the name readers see under the person's posts. */
export const changeDisplayNameAction = userAction({
  schema: z.object({ name: z.string().trim().min(1).max(80) }),
  keep: ["name"],
  async run({ input, user, t }): Promise<RunOutcome> {
    return { ok: true, message: t("auth.nameChanged"), tags: await setDisplayName({ userId: user.id, name: input.name }), refresh: true };
  },
});

/** « Supprimer définitivement mon compte »: after the password (or address) is checked; every session ends. */
export const deleteAccountAction = userAction({
  schema: z.object({ password: z.string().max(200).optional(), email: z.string().max(320).optional() }),
  async run({ input, user, t }): Promise<RunOutcome> {
    const outcome = await deleteAccount({ userId: user.id, password: input.password, email: input.email });
    if (!outcome.ok) {
      switch (outcome.reason) {
        case "wrong-password":
          return { ok: false, error: t("forms.fixErrors"), fieldErrors: { password: t("leaving.accountDeleteWrongPassword") } };
        case "wrong-email":
          return { ok: false, error: t("forms.fixErrors"), fieldErrors: { email: t("leaving.accountDeleteWrongEmail") } };
        case "blocked":
          return { ok: false, error: t("leaving.accountDeleteBlocked") };
        case "too-many-attempts":
          return { ok: false, error: t("forms.tooManyRequests") };
        default:
          return { ok: false, error: t("forms.sessionExpired") };
      }
    }
    // The account is gone, so no session finds it again; this one's cookie goes now.
    await signOut({ redirect: false });
    return { ok: true, tags: outcome.removedBlogs.flatMap((blog) => blog.tags), redirectTo: "/compte/supprime" };
  },
});
