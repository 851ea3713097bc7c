import "server-only";
import { refresh, updateTag } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { asMember, getMemberBlog, type MemberBlog } from "@/lib/blogs/access";
import { getBlogLanguage } from "@/lib/blogs/queries";
import { hashClient } from "@/lib/client-id";
import type { Language } from "@/lib/db/schema";
import { fieldErrorsFrom, formValues, type FormResult, type FormState } from "@/lib/forms";
import { getTranslator, type Translator } from "@/lib/i18n";
import { can, type Member, type Permission, type Resource } from "@/lib/permissions";
import { consumeRateLimit } from "@/lib/rate-limit";
import { DEFAULT_MAX_INPUT_BYTES, formObject, inputProblem } from "./input";

// The one way to write: every server action of Carnet is declared through blogAction, userAction or
// publicAction, which run, in this order and before any of the action's own code,
//   1. identity: the session (or, for readers, the client's salted address hash),
//   2. the input's size, field count and nesting against hard caps, then its zod schema,
//   3. for blog writes, the caller's membership of the blog the input names, the target loaded with the
//      blog in its WHERE, and the role checked by lib/permissions.ts,
//   4. an optional rate limit (per user, or per client for readers),
// then `run`, then the revalidation of the cache tags `run` returns, then the redirect it asks for.
// Every refusal is a typed result in the page's language, with the form's text fields as typed.

type CatalogueKey = Parameters<Translator>[0];

/** Why the guard (or `run`) said no; forms without a result state can turn it into a redirect. */
export type RefusalCode = "session" | "too-large" | "invalid" | "not-member" | "forbidden" | "not-found" | "rate-limited" | (string & {});

/** What `run` answers: done (with the tags it touched, where to go next), or refused with what to fix. */
export type RunOutcome<Extra extends object = object> =
  | ({ ok: true; message?: string; tags?: string[]; redirectTo?: string; refresh?: boolean } & Extra)
  | Refusal;

/** What `run` is declared to return: `run: async (…): Done<{ html: string }> => …`. */
export type Done<Extra extends object = object> = Promise<RunOutcome<Extra>>;

export type Refusal = {
  ok: false;
  error: string;
  fieldErrors?: Record<string, string>;
  code?: RefusalCode;
  tags?: string[];
  /** What the form shows again, where `keep` cannot say it (ticked boxes of one name). */
  values?: Record<string, string>;
};

/** A server action of Carnet: called by useActionState (state, form), by a plain form (form), or with one value. */
export type GuardedAction<Arg, Extra extends object> = (first: FormState<Extra> | FormData | Arg, form?: FormData) => Promise<FormResult<Extra>>;

type RateLimit = { name: string; limit: number; windowMs: number };

type CommonSpec<S extends z.ZodType> = {
  /** Per user (per client for readers); possibly for some inputs only (the editor's preview). */
  rateLimit?: RateLimit | ((input: z.output<S>) => RateLimit | undefined);
  schema: S;
  /** The largest input accepted, in bytes (text as UTF-8, files by their size); 64 KiB unless said. */
  maxBytes?: number;
  /** Text fields given back to the form, as typed, when it shows again. */
  keep?: readonly string[];
  /** The message of a refusal for lack of rights (or of the target), from the catalogues. */
  refusal?: CatalogueKey;
  /** For forms posted without a result state: where each refusal leads (the page shows it). */
  redirectOnRefusal?: (refusal: Refusal, raw: unknown) => string;
};

export type BlogRef = { id: number } | { slug: string };

/** A member of a blog, as `run` sees them: the blog's record and the caller's role in it. */
export type BlogMember = MemberBlog & Member;

export type BlogActionSpec<S extends z.ZodType, R extends Resource | undefined, Extra extends object> = CommonSpec<S> & {
  /** What the caller must be allowed to do, possibly depending on the input (publishing vs creating). */
  permission: Permission | ((input: z.output<S>) => Permission);
  /** The blog the input names; its `blogId` field unless said otherwise. */
  blog?: (input: z.output<S>) => BlogRef | null | Promise<BlogRef | null>;
  /** The target, loaded with the blog's id in its WHERE; null when there is none in this blog. */
  resource?: (input: z.output<S>, member: BlogMember) => Promise<R | null>;
  run: (context: { input: z.output<S>; user: SessionUser; member: BlogMember; resource: R; t: Translator; values: Record<string, string> }) => Promise<RunOutcome<Extra>>;
};

export type UserActionSpec<S extends z.ZodType, Extra extends object> = CommonSpec<S> & {
  run: (context: { input: z.output<S>; user: SessionUser; t: Translator; values: Record<string, string> }) => Promise<RunOutcome<Extra>>;
};

export type PublicActionSpec<S extends z.ZodType, Extra extends object> = CommonSpec<S> & {
  /** The language of the page the form sits on (a reader page speaks its blog's language); French unless said. */
  language?: (raw: unknown) => Language | Promise<Language>;
  /** Whether `run` needs the signed-in person, if there is one (creating a blog does). */
  session?: "optional";
  run: (context: { input: z.output<S>; client: string; user: SessionUser | null; t: Translator; values: Record<string, string> }) => Promise<RunOutcome<Extra>>;
};

const french = getTranslator("fr");

/** The input of a call: the form of useActionState's (state, form), a plain form's form, or the one value. */
const inputOf = (args: unknown[]): unknown => (args.length > 1 ? args[1] : args[0]);

class Refused {
  constructor(readonly refusal: Refusal) {}
}

function refuse(t: Translator, code: RefusalCode, key: CatalogueKey, fieldErrors?: Record<string, string>): never {
  throw new Refused({ ok: false, error: t(key), code, fieldErrors });
}

/** The translator of a refusal, or how to find it (looked up only when something is refused). */
type Speaker = () => Translator | Promise<Translator>;

/** Caps, then zod: nothing walks an input bigger or deeper than the action accepts. */
async function parseInput<S extends z.ZodType>(spec: CommonSpec<S>, raw: unknown, speaker: Speaker): Promise<z.output<S>> {
  const maxBytes = spec.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const problem = inputProblem(raw, maxBytes);
  if (problem === "too-large") throw new Refused({ ok: false, error: (await speaker())("forms.tooLarge", { max: Math.floor(maxBytes / 1024) }), code: "too-large" });
  if (problem === "too-deep") refuse(await speaker(), "invalid", "forms.invalid");
  const parsed = spec.schema.safeParse(raw instanceof FormData ? formObject(raw) : raw);
  if (parsed.success) return parsed.data;
  const t = await speaker();
  refuse(t, "invalid", "forms.fixErrors", fieldErrorsFrom(parsed.error, t));
}

/** A field of an input as it came (a form or a value), before any parsing. */
function rawField(raw: unknown, name: string): unknown {
  if (raw instanceof FormData) return raw.get(name);
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[name] : undefined;
}

/**
 * The language of the blog a form names (its `blogId` or `blogSlug` field), French when it names none:
 * a reader page speaks its blog's language, and so does a blog's administration. A blog's language is no
 * secret (its pages declare it). For publicAction's `language`, which calls it on an input within the caps.
 */
export async function languageOfFormBlog(raw: unknown): Promise<Language> {
  const id = Number(rawField(raw, "blogId"));
  const slug = rawField(raw, "blogSlug");
  const language = Number.isSafeInteger(id) && id > 0 ? await getBlogLanguage({ id }) : typeof slug === "string" && slug.length <= 63 ? await getBlogLanguage({ slug }) : null;
  return language ?? "fr";
}

/**
 * The translator of an input's `language` (French without one), looked up the first time it is asked
 * for, and only for an input within the caps (French for any other).
 */
function speakerOf(maxBytes: number | undefined, raw: unknown, language: ((raw: unknown) => Language | Promise<Language>) | undefined): Speaker {
  let found: Promise<Translator> | undefined;
  return () =>
    (found ??= (async () => (language && inputProblem(raw, maxBytes ?? DEFAULT_MAX_INPUT_BYTES) === null ? getTranslator(await language(raw)) : french))());
}

async function limitRate<S extends z.ZodType>(spec: CommonSpec<S>, input: z.output<S>, who: string, t: Translator): Promise<void> {
  const limit = typeof spec.rateLimit === "function" ? spec.rateLimit(input) : spec.rateLimit;
  if (limit && !(await consumeRateLimit(`${limit.name}:${who}`, limit.limit, limit.windowMs))) refuse(t, "rate-limited", "forms.tooManyRequests");
}

/** Runs the guard then the work; turns every refusal into a typed result (or the redirect the form asked for). */
async function guarded<Extra extends object>(
  spec: CommonSpec<z.ZodType>,
  raw: unknown,
  work: (values: Record<string, string>) => Promise<RunOutcome<Extra>>,
): Promise<FormResult<Extra>> {
  const values = raw instanceof FormData ? formValues(raw, spec.keep ?? []) : {};
  let outcome: RunOutcome<Extra>;
  try {
    outcome = await work(values);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    outcome = error.refusal;
  }
  for (const tag of outcome.tags ?? []) updateTag(tag);
  if (!outcome.ok) {
    // redirect() throws: it stays outside the try above.
    if (spec.redirectOnRefusal) redirect(spec.redirectOnRefusal(outcome, raw));
    return { ok: false, error: outcome.error, fieldErrors: outcome.fieldErrors ?? {}, values: { ...values, ...outcome.values }, ...(outcome.code ? { code: outcome.code } : {}) };
  }
  const { redirectTo, refresh: wantsRefresh, ...result } = outcome;
  delete result.tags;
  if (wantsRefresh) refresh();
  if (redirectTo) redirect(redirectTo);
  return result as FormResult<Extra>;
}

async function memberOf(user: SessionUser, ref: BlogRef | null): Promise<BlogMember | null> {
  if (!ref) return null;
  if ("id" in ref && !Number.isSafeInteger(ref.id)) return null;
  const blog = await getMemberBlog({ userId: user.id, ...("id" in ref ? { blogId: ref.id } : { blogSlug: ref.slug }) });
  return blog ? asMember(blog, user.id) : null;
}

/** The action itself: the guard's steps in `work`, every refusal turned into a result by `guarded`. */
function define<S extends z.ZodType, Extra extends object>(
  spec: CommonSpec<S>,
  work: (raw: unknown, values: Record<string, string>) => Promise<RunOutcome<Extra>>,
): GuardedAction<z.input<S>, Extra> {
  return (...args) => {
    const raw = inputOf(args);
    return guarded(spec, raw, (values) => work(raw, values));
  };
}

/** The administration's first two steps: a session, then the input within its caps and schema. */
async function signedInInput<S extends z.ZodType>(spec: CommonSpec<S>, raw: unknown, speaker: Speaker): Promise<{ user: SessionUser; input: z.output<S> }> {
  const user = await getSessionUser();
  if (!user) refuse(await speaker(), "session", "forms.sessionExpired");
  return { user, input: await parseInput(spec, raw, speaker) };
}

/** A write in one blog, by one of its members (the administration). */
export function blogAction<S extends z.ZodType, R extends Resource | undefined = undefined, Extra extends object = object>(
  spec: BlogActionSpec<S, R, Extra>,
): GuardedAction<z.input<S>, Extra> {
  return define(spec, async (raw, values) => {
    // The refusals given before the caller is known as a member (session expired, a field to fix) speak
    // the language of the blog the form names, looked up only for them.
    const { user, input } = await signedInInput(spec, raw, speakerOf(spec.maxBytes, raw, languageOfFormBlog));
    const ref = spec.blog ? await spec.blog(input) : { id: Number((input as { blogId?: unknown }).blogId) };
    const member = await memberOf(user, ref);
    if (!member) refuse(french, "not-member", spec.refusal ?? "forms.notAllowed");
    // From here on the caller is a member: the administration speaks the blog's language.
    const t = getTranslator(member.language);
    const resource = spec.resource ? await spec.resource(input, member) : undefined;
    if (spec.resource && !resource) refuse(t, "not-found", spec.refusal ?? "forms.notAllowed");
    const permission = typeof spec.permission === "function" ? spec.permission(input) : spec.permission;
    if (!can(member, permission, resource ?? undefined)) refuse(t, "forbidden", spec.refusal ?? "forms.notAllowed");
    await limitRate(spec, input, `user:${user.id}`, t);
    return spec.run({ input, user, member, resource: resource as R, t, values });
  });
}

/** A write on the signed-in person's own account, outside any blog (accepting an invitation). */
export function userAction<S extends z.ZodType, Extra extends object = object>(spec: UserActionSpec<S, Extra>): GuardedAction<z.input<S>, Extra> {
  return define(spec, async (raw, values) => {
    const { user, input } = await signedInInput(spec, raw, () => french);
    await limitRate(spec, input, `user:${user.id}`, french);
    return spec.run({ input, user, t: french, values });
  });
}

/** A write by anyone (a reader's comment, a newsletter signup): the identity is the client's address hash. */
export function publicAction<S extends z.ZodType, Extra extends object = object>(spec: PublicActionSpec<S, Extra>): GuardedAction<z.input<S>, Extra> {
  return define(spec, async (raw, values) => {
    const client = hashClient(await headers());
    const user = spec.session === "optional" ? await getSessionUser() : null;
    const speaker = speakerOf(spec.maxBytes, raw, spec.language);
    const input = await parseInput(spec, raw, speaker);
    const t = await speaker();
    await limitRate(spec, input, `client:${client}`, t);
    return spec.run({ input, client, user, t, values });
  });
}
