"use server";

import { z } from "zod";
import { blogAction, languageOfFormBlog, publicAction, type Done } from "@/lib/actions/pipeline";
import { emailSchema } from "@/lib/auth/email";
import { blogSubscribersTag } from "@/lib/cache-tags";
import { importProblem, importReport } from "./import-report";
import { importSubscribersAs, MAX_IMPORT_BYTES, removeSubscriberAs } from "./mutations";
import { getNewsletterBlog } from "./queries";
import { confirmSubscription, requestSubscription, unsubscribeWithToken } from "./subscriptions";

// Every action of the newsletter goes through lib/actions/pipeline.ts: publicAction for readers (signup,
// confirmation, unsubscription: the token is the proof), blogAction for the owner's subscribers page.

/** Signups per client (salted hash of its address) and hour, across every blog. */
const SIGNUP_LIMIT = { name: "newsletter", limit: 10, windowMs: 3_600_000 };

/** A reader's form names its blog in a hidden field; a forged one is « no such blog », not a field to fix. */
const blogIdField = z.coerce.number().int().positive().catch(0);
const tokenField = z.string().max(500).default("");

/** The sidebar's (and the "Suivre ce blog" page's) signup form. */
export const subscribeToNewsletter = publicAction({
  schema: z.object({ blogId: blogIdField, email: emailSchema }),
  keep: ["email"],
  language: languageOfFormBlog,
  rateLimit: SIGNUP_LIMIT,
  run: async ({ input, t }): Done => {
    const blog = input.blogId > 0 ? await getNewsletterBlog(input.blogId) : null;
    if (!blog) return { ok: false, error: t("newsletter.unknownBlog") };
    await requestSubscription({ blog, email: input.email, source: "form" });
    // The same answer for a new, pending, confirmed or unsubscribed address.
    return { ok: true, message: t("newsletter.checkInbox") };
  },
});

/** The button of the confirmation page (a mail scanner that merely opens the link confirms nothing). */
export const confirmSubscriptionAction = publicAction({
  schema: z.object({ blogId: blogIdField, jeton: tokenField }),
  language: languageOfFormBlog,
  run: async ({ input, t }): Done => {
    const result = await confirmSubscription(input.jeton);
    switch (result.outcome) {
      case "confirmed":
        return { ok: true, message: t("newsletter.confirmed"), tags: [blogSubscribersTag(result.blogId)] };
      case "already":
        return { ok: true, message: t("newsletter.alreadyConfirmed") };
      case "expired":
        return { ok: false, error: t("newsletter.confirmExpired") };
      case "invalid":
        return { ok: false, error: t("newsletter.confirmInvalid") };
    }
  },
});

/** The button of the unsubscribe page. */
export const unsubscribeAction = publicAction({
  schema: z.object({ blogId: blogIdField, jeton: tokenField }),
  language: languageOfFormBlog,
  run: async ({ input, t }): Done => {
    const result = await unsubscribeWithToken(input.jeton);
    switch (result.outcome) {
      case "unsubscribed":
        return { ok: true, message: t("newsletter.unsubscribed"), tags: [blogSubscribersTag(result.blogId)] };
      case "already":
        return { ok: true, message: t("newsletter.alreadyUnsubscribed") };
      case "invalid":
        return { ok: false, error: t("newsletter.unsubscribeInvalid") };
    }
  },
});

const id = z.coerce.number().int().positive();

/** "Retirer" on a line of the subscribers page (owners): the page says how it went. */
export const removeSubscriberFormAction = blogAction({
  schema: z.object({ blogId: id, subscriberId: id }),
  permission: "subscribers.manage",
  // Signed out: sign in again; not an owner of the blog named (or a forged id): back to « Mes blogs ».
  redirectOnRefusal: (refusal) => (refusal.code === "session" ? "/connexion?retour=%2Fadmin&session=expiree" : "/admin"),
  run: async ({ input, user, member }): Done => {
    const outcome = await removeSubscriberAs({ userId: user.id, blogId: member.id, subscriberId: input.subscriberId });
    const list = `/admin/${member.slug}/abonnes`;
    return {
      ok: true,
      tags: outcome === "removed" ? [blogSubscribersTag(member.id)] : [],
      redirectTo: `${list}?${outcome === "forbidden" ? "refuse=1" : "retire=1"}`,
    };
  },
});

/** The subscribers page's « Retirer » is a plain form: every outcome is a redirect. */
export async function removeSubscriberAction(form: FormData): Promise<void> {
  await removeSubscriberFormAction(form);
}

/** The CSV import of the subscribers page (owners; in the blog's language, like the whole administration). */
export const importSubscribersAction = blogAction({
  schema: z.object({ blogId: id, fichier: z.unknown(), consentement: z.string().max(10).optional(), dejaConfirmes: z.string().max(10).optional() }),
  // Room for the multipart envelope around the largest file accepted.
  maxBytes: MAX_IMPORT_BYTES + 16 * 1024,
  permission: "subscribers.manage",
  refusal: "newsletter.importForbidden",
  run: async ({ input, user, member, t }): Done => {
    const file = input.fichier;
    const refusedFile = (message: string) => ({ ok: false as const, error: message, fieldErrors: { fichier: message } });
    if (!(file instanceof File) || file.size === 0) return refusedFile(t("subscribers.importChooseFile"));
    if (file.size > MAX_IMPORT_BYTES) return refusedFile(importProblem("too-big", member.language));
    const outcome = await importSubscribersAs({
      userId: user.id,
      blogId: member.id,
      csv: await file.text(),
      consent: input.consentement === "oui",
      alreadyConfirmed: input.dejaConfirmes === "oui",
    });
    const report = importReport(outcome, Date.now(), member.language);
    if (!report.ok) return { ok: false, error: report.message, fieldErrors: report.field ? { [report.field]: report.message } : {} };
    return { ok: true, message: report.message, tags: outcome.ok && outcome.confirmed > 0 ? [blogSubscribersTag(member.id)] : [] };
  },
});
