"use server";

import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { emailSchema } from "@/lib/auth/email";
import { passwordProblem } from "@/lib/auth/password";
import { getSessionUser } from "@/lib/auth/session";
import { sendAddressVerification } from "@/lib/auth/verification";
import { blogSlugTag } from "@/lib/cache-tags";
import { hashClient } from "@/lib/client-id";
import { LANGUAGES } from "@/lib/db/schema";
import { fieldErrorsFrom, formError, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { headers } from "next/headers";
import { blogAction, type RunOutcome } from "@/lib/actions/pipeline";
import { blogAddress, checkBlogSlug, createBlog, deleteBlog, type SlugStatus } from "./mutations";

const t = getTranslator("fr");

const slugMessages: Record<Exclude<SlugStatus, "available">, string> = {
  taken: t("createBlog.slugTaken"),
  reserved: t("createBlog.slugReserved"),
  resting: t("leaving.slugResting"),
  malformed: t("createBlog.slugMalformed"),
};

/** Says as the person types whether an address is free (the form checks again on submit). */
export async function checkBlogSlugAvailability(slug: string): Promise<{ status: SlugStatus; message: string }> {
  const status = await checkBlogSlug(String(slug).trim().slice(0, 64));
  return { status, message: status === "available" ? t("createBlog.slugAvailable") : slugMessages[status] };
}

const blogSchema = z.object({
  title: z.string().trim().min(1).max(100),
  slug: z.string().trim().toLowerCase().max(30),
  description: z.string().trim().max(300),
  language: z.enum(LANGUAGES),
});

const accountSchema = z.object({
  name: z.string().trim().min(1).max(80),
  email: emailSchema,
  password: z.string().max(200),
});

export async function createMyBlog(_: FormState, formData: FormData): Promise<FormResult> {
  const values = formValues(formData, ["title", "slug", "description", "language", "name", "email"]);
  const user = await getSessionUser();
  const input = Object.fromEntries(formData);
  const parsedBlog = blogSchema.safeParse(input);
  const parsedAccount = user ? null : accountSchema.safeParse(input);
  const fieldErrors = {
    ...(parsedBlog.success ? {} : fieldErrorsFrom(parsedBlog.error, t)),
    ...(parsedAccount && !parsedAccount.success ? fieldErrorsFrom(parsedAccount.error, t) : {}),
  };
  if (parsedAccount?.success) {
    const problem = passwordProblem(parsedAccount.data.password, parsedAccount.data);
    if (problem) fieldErrors.password = t(`auth.${problem}`);
  }
  if (parsedBlog.success && !fieldErrors.slug) {
    const status = await checkBlogSlug(parsedBlog.data.slug);
    if (status !== "available") fieldErrors.slug = slugMessages[status];
  }
  if (!parsedBlog.success || Object.keys(fieldErrors).length > 0) return formError(t("forms.fixErrors"), values, fieldErrors);
  if (!(await consumeRateLimit(`create-blog:client:${hashClient(await headers())}`, 10, 60 * 60_000))) {
    return formError(t("forms.tooManyRequests"), values);
  }

  const account = parsedAccount?.success ? parsedAccount.data : null;
  const outcome = await createBlog(parsedBlog.data, user ? { userId: user.id } : { account: account! });
  if (!outcome.ok) {
    return outcome.reason === "slug-taken"
      ? formError(t("forms.fixErrors"), values, { slug: slugMessages.taken })
      : formError(t("auth.emailTaken"), values, { email: t("auth.emailTaken") });
  }
  // The address may have been visited before: its cached "no such blog" page must go.
  updateTag(blogSlugTag(parsedBlog.data.slug));
  const destination = `/admin/${parsedBlog.data.slug}/articles?nouveau=1`;
  // A new account's address is not proved yet: Carnet mails the link, and sends nothing on its behalf until then.
  if (account) await sendAddressVerification(outcome.userId, account.email, destination);
  if (account) await signIn("credentials", { email: account.email, password: account.password, redirectTo: destination });
  redirect(destination);
}

/** « Supprimer ce blog »: for its owners, once its address is typed; lands on « Mes blogs ». */
export const deleteBlogAction = blogAction({
  schema: z.object({ blogId: z.coerce.number().int().positive(), address: z.string().max(300) }),
  keep: ["address"],
  permission: "blog.delete",
  refusal: "leaving.deleteBlogNotAllowed",
  async run({ input, user, member, t }): Promise<RunOutcome> {
    const outcome = await deleteBlog({ userId: user.id, blogId: member.id, slug: member.slug, typedAddress: input.address });
    if (outcome.ok) return { ok: true, tags: outcome.removed.tags, redirectTo: "/admin?blog-supprime=1" };
    if (outcome.reason === "mismatch") return { ok: false, error: t("forms.fixErrors"), fieldErrors: { address: t("leaving.deleteBlogMismatch", { address: blogAddress(member.slug) }) } };
    return { ok: false, error: t("leaving.deleteBlogNotAllowed") };
  },
});
