"use server";

import { updateTag } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { emailSchema } from "@/lib/auth/email";
import { getSessionUser } from "@/lib/auth/session";
import { blogSubscribersTag } from "@/lib/cache-tags";
import { hashClient } from "@/lib/client-id";
import { formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { formatCount, getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { importSubscribersAs, MAX_IMPORT_BYTES, removeSubscriberAs } from "./mutations";
import { MAX_IMPORT_ROWS } from "./csv";
import { getNewsletterBlog } from "./queries";
import { confirmSubscription, requestSubscription, unsubscribeWithToken } from "./subscriptions";

// Signups per client (salted hash of its address) and hour, across every blog.
const SIGNUPS_PER_CLIENT_PER_HOUR = 10;

function idFrom(formData: FormData, name: string): number | null {
  const value = Number(formData.get(name));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** The blog named by the form's hidden blogId, and a translator in its language. */
async function blogOfForm(formData: FormData) {
  const blogId = idFrom(formData, "blogId");
  const blog = blogId === null ? null : await getNewsletterBlog(blogId);
  return { blog, t: getTranslator(blog?.language ?? "fr") };
}

/** The sidebar's (and the "Suivre ce blog" page's) signup form. */
export async function subscribeToNewsletter(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["email"]);
  const { blog, t } = await blogOfForm(formData);
  if (!blog) return formError(t("newsletter.unknownBlog"), values);
  const parsed = emailSchema.safeParse(values.email);
  if (!parsed.success) return formError(t("forms.invalidEmail"), values, { email: t("forms.invalidEmail") });
  if (!(await consumeRateLimit(`newsletter:client:${hashClient(await headers())}`, SIGNUPS_PER_CLIENT_PER_HOUR, 3_600_000))) {
    return formError(t("forms.tooManyRequests"), values);
  }
  await requestSubscription({ blog, email: parsed.data, source: "form" });
  // The same answer for a new, pending, confirmed or unsubscribed address.
  return { ok: true, message: t("newsletter.checkInbox") };
}

/** The button of the confirmation page (a mail scanner that merely opens the link confirms nothing). */
export async function confirmSubscriptionAction(_: FormState, formData: FormData): Promise<FormResult> {
  const { t } = await blogOfForm(formData);
  const result = await confirmSubscription(String(formData.get("jeton") ?? ""));
  switch (result.outcome) {
    case "confirmed":
      updateTag(blogSubscribersTag(result.blogId));
      return { ok: true, message: t("newsletter.confirmed") };
    case "already":
      return { ok: true, message: t("newsletter.alreadyConfirmed") };
    case "expired":
      return formError(t("newsletter.confirmExpired"), {});
    case "invalid":
      return formError(t("newsletter.confirmInvalid"), {});
  }
}

/** The button of the unsubscribe page. */
export async function unsubscribeAction(_: FormState, formData: FormData): Promise<FormResult> {
  const { t } = await blogOfForm(formData);
  const result = await unsubscribeWithToken(String(formData.get("jeton") ?? ""));
  switch (result.outcome) {
    case "unsubscribed":
      updateTag(blogSubscribersTag(result.blogId));
      return { ok: true, message: t("newsletter.unsubscribed") };
    case "already":
      return { ok: true, message: t("newsletter.alreadyUnsubscribed") };
    case "invalid":
      return formError(t("newsletter.unsubscribeInvalid"), {});
  }
}

/** "Retirer" on a line of the subscribers page (owner only). */
export async function removeSubscriberAction(formData: FormData): Promise<void> {
  const { blog } = await blogOfForm(formData);
  const subscriberId = idFrom(formData, "subscriberId");
  const list = blog ? `/admin/${blog.slug}/abonnes` : "/admin";
  const user = await getSessionUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(list)}`);
  if (!blog || subscriberId === null) redirect(list);
  const outcome = await removeSubscriberAs({ userId: user.id, blogId: blog.id, subscriberId });
  if (outcome === "removed") updateTag(blogSubscribersTag(blog.id));
  redirect(`${list}?${outcome === "forbidden" ? "refuse=1" : "retire=1"}`);
}

const IMPORT_PROBLEMS = {
  forbidden: "Seul le propriétaire du blog peut importer des abonnés.",
  "no-consent": "Cochez la case : vous ne pouvez importer que des personnes qui ont accepté de recevoir vos articles.",
  empty: "Ce fichier ne contient aucune adresse e-mail valide.",
  "too-big": `Ce fichier est trop gros : ${MAX_IMPORT_BYTES / 1024} Ko au plus.`,
  "too-many": `Ce fichier contient trop d'adresses : importez-les en plusieurs fois (${formatCount(MAX_IMPORT_ROWS, "fr")} par fichier au plus).`,
  "rate-limited": "Trop d'imports aujourd'hui pour ce blog : réessayez demain.",
} as const;

/** The CSV import of the subscribers page (owner only; French, like the whole administration). */
export async function importSubscribersAction(_: FormState, formData: FormData): Promise<FormResult> {
  const user = await getSessionUser();
  if (!user) return formError(getTranslator("fr")("forms.sessionExpired"), {});
  const { blog } = await blogOfForm(formData);
  const file = formData.get("fichier");
  const alreadyConfirmed = formData.get("dejaConfirmes") === "oui";
  if (!blog) return formError(IMPORT_PROBLEMS.forbidden, {});
  if (!(file instanceof File) || file.size === 0) return formError("Choisissez un fichier CSV.", {}, { fichier: "Choisissez un fichier CSV." });
  if (file.size > MAX_IMPORT_BYTES) return formError(IMPORT_PROBLEMS["too-big"], {}, { fichier: IMPORT_PROBLEMS["too-big"] });
  const outcome = await importSubscribersAs({
    userId: user.id,
    blogId: blog.id,
    csv: await file.text(),
    consent: formData.get("consentement") === "oui",
    alreadyConfirmed,
  });
  const skipped =
    outcome.invalid.length > 0
      ? ` Lignes ignorées (adresse non valide) : ${outcome.invalid.slice(0, 10).map((entry) => `${entry.line} (${entry.value})`).join(", ")}${outcome.invalid.length > 10 ? "…" : ""}.`
      : "";
  if (!outcome.ok) {
    const message = IMPORT_PROBLEMS[outcome.problem] + skipped;
    return formError(message, {}, outcome.problem === "no-consent" ? { consentement: IMPORT_PROBLEMS["no-consent"] } : {});
  }
  if (alreadyConfirmed && outcome.added > 0) updateTag(blogSubscribersTag(blog.id));
  const count = (value: number) => formatCount(value, "fr");
  const added = alreadyConfirmed
    ? `${count(outcome.added)} adresse(s) ajoutée(s) comme confirmées.`
    : `${count(outcome.added)} adresse(s) ajoutée(s) : chacune reçoit un e-mail de confirmation.`;
  return { ok: true, message: `${added} ${count(outcome.existing)} déjà présente(s), laissée(s) telle(s) quelle(s).${skipped}` };
}
