"use server";

import { z } from "zod";
import { blogAction, publicAction, type Done, type RunOutcome } from "@/lib/actions/pipeline";
import { emailSchema } from "@/lib/auth/email";
import { sendAccountExistsNotice } from "@/lib/auth/mails";
import { passwordProblem } from "@/lib/auth/password";
import { sendAddressVerification } from "@/lib/auth/verification";
import { blogSlugTag } from "@/lib/cache-tags";
import { LANGUAGES } from "@/lib/db/schema";
import { fieldErrorsFrom } from "@/lib/forms";
import { getTranslator } from "@/lib/i18n";
import { consumeRateLimit } from "@/lib/rate-limit";
import { blogAddress, checkBlogSlug, createBlog, deleteBlog, type SlugStatus } from "./mutations";

const t = getTranslator("fr");
const HOUR = 60 * 60_000;

const slugMessages: Record<Exclude<SlugStatus, "available">, string> = {
  taken: t("createBlog.slugTaken"),
  reserved: t("createBlog.slugReserved"),
  resting: t("leaving.slugResting"),
  malformed: t("createBlog.slugMalformed"),
};

/** Says as the person types whether an address is free (the form checks again on submit). */
export const checkBlogSlugAvailability = publicAction({
  schema: z.string().max(200),
  rateLimit: { name: "slug-check", limit: 240, windowMs: 60_000 },
  run: async ({ input }): Done<{ status: SlugStatus; message: string }> => {
    const status = await checkBlogSlug(input.trim().slice(0, 64));
    return { ok: true, status, message: status === "available" ? t("createBlog.slugAvailable") : slugMessages[status] };
  },
});

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

const field = (max: number) => z.string().max(max).default("");

/**
 * « Créer mon blog ». Signed in: the blog is opened for the account, which lands in its administration.
 * Signed out: the answer is the same whether the e-mail already has an account or not, as at sign-up
 * (lib/auth/actions.ts): a new account is created with its blog, unproved, and mailed the link that proves
 * its address, signs its owner in and opens the blog's administration; an address that has an account gets
 * a notice that explains, and nothing is created. Nobody is signed in here: that would tell the two apart.
 */
export const createMyBlog = publicAction({
  // The blog's and the account's fields are checked together in `run`, so that every mistake shows at once.
  schema: z.object({ title: field(1000), slug: field(200), description: field(2000), language: field(10), name: field(1000), email: field(400), password: field(400) }),
  keep: ["title", "slug", "description", "language", "name", "email"],
  session: "optional",
  run: async ({ input, client, user }): Done => {
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
    if (!parsedBlog.success || Object.keys(fieldErrors).length > 0) return { ok: false, error: t("forms.fixErrors"), fieldErrors };
    if (!(await consumeRateLimit(`create-blog:client:${client}`, 10, HOUR))) return { ok: false, error: t("forms.tooManyRequests"), code: "rate-limited" };

    const blog = parsedBlog.data;
    const destination = `/admin/${blog.slug}/articles?nouveau=1`;
    const account = parsedAccount?.success ? parsedAccount.data : null;
    const outcome = user ? await createBlog(blog, { userId: user.id }) : await createBlog(blog, { account: account! });
    if (!outcome.ok && outcome.reason === "slug-taken") return { ok: false, error: t("forms.fixErrors"), fieldErrors: { slug: slugMessages.taken } };
    // The address may have been visited before: its cached "no such blog" page must go.
    const tags = outcome.ok ? [blogSlugTag(blog.slug)] : [];
    if (user) return { ok: true, tags, redirectTo: destination };
    // Mail bombing through this form: a few mails per address and hour (shared with sign-up), then silence.
    if (await consumeRateLimit(`signup:email:${account!.email}`, 3, HOUR)) {
      if (outcome.ok) await sendAddressVerification(outcome.userId, account!.email, destination);
      else await sendAccountExistsNotice(account!.email);
    }
    return { ok: true, message: t("createBlog.checkInbox", { email: account!.email }), tags };
  },
});

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
