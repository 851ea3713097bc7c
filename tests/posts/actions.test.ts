import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { postRevisions, posts } from "@/lib/db/schema";
import { deleteEditorPost, previewMarkdown, restorePostRevision, saveEditorPost } from "@/lib/posts/actions";
import { makeBlog } from "../helpers/fixtures";
import { asUser, formOf, makeSignedInTeam, makeSignedInUser, redirectOf, takeRevalidated, type TestAccount } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let owner: TestAccount;
let author: TestAccount;
let stranger: TestAccount;
let blog = { id: 0, slug: "" };
let strangersBlog = { id: 0, slug: "" };

beforeAll(async () => {
  ({ owner, author, stranger, blog, strangersBlog } = await makeSignedInTeam());
});

const editorForm = (fields: Record<string, string>) =>
  formOf({ title: "Notes de terrain", slug: "", body: "Un *premier* paragraphe.", excerpt: "", category: "", tags: "", scheduledFor: "", coverMediaId: "", ...fields });
const form = formOf;

async function postBy(account: TestAccount, title: string): Promise<number> {
  asUser(account);
  const where = await redirectOf(saveEditorPost(null, editorForm({ blogId: String(blog.id), title, intent: "publish" })));
  const id = Number(/articles\/(\d+)/.exec(where ?? "")?.[1]);
  if (!id) throw new Error(`not created: ${where}`);
  return id;
}

describe("the editor's actions", () => {
  it("publishes a new post for a member, revalidates its pages and opens it in the editor", async () => {
    asUser(author);
    takeRevalidated();
    const where = await redirectOf(saveEditorPost(null, editorForm({ blogId: String(blog.id), title: "Carnet du lundi", intent: "publish" })));
    expect(where).toMatch(new RegExp(`^/admin/${blog.slug}/articles/\\d+\\?enregistre=publish$`));
    const postId = Number(/articles\/(\d+)/.exec(where!)?.[1]);
    expect(takeRevalidated().tags).toEqual([`post:${postId}`, `blog-posts:${blog.id}`, "platform-posts"]);
  });

  it("publishes from the form of a blog without images, which has no cover picker", async () => {
    asUser(author);
    // What a browser sends when the editor shows only the fields it always has.
    const where = await redirectOf(saveEditorPost(null, formOf({ blogId: String(blog.id), title: "Sans image", body: "Rien que du texte.", intent: "publish" })));
    expect(where).toMatch(new RegExp(`^/admin/${blog.slug}/articles/\\d+\\?enregistre=publish$`));
  });

  it("keeps another author's post out of reach, and a stranger out of the blog, even with forged ids", async () => {
    const ownersPost = await postBy(owner, "Le billet de la propriétaire");
    asUser(author);
    const result = await saveEditorPost(null, editorForm({ blogId: String(blog.id), postId: String(ownersPost), title: "Détourné", intent: "draft" }));
    expect(result).toMatchObject({ ok: false, error: "Vous ne pouvez pas modifier cet article.", values: { title: "Détourné" } });
    asUser(stranger);
    expect(await saveEditorPost(null, editorForm({ blogId: String(blog.id), title: "Intrus", intent: "publish" }))).toMatchObject({ ok: false, code: "not-member" });
    // The stranger's own blog id with the victim's post id: the post is looked up in the stranger's blog only.
    expect(await saveEditorPost(null, editorForm({ blogId: String(strangersBlog.id), postId: String(ownersPost), title: "Intrus", intent: "draft" }))).toMatchObject({ ok: false, code: "not-found" });
    expect(await redirectOf(deleteEditorPost(null, form({ postId: String(ownersPost), blogSlug: blog.slug })))).toBeNull();
    expect(await deleteEditorPost(null, form({ postId: String(ownersPost), blogSlug: strangersBlog.slug }))).toMatchObject({ ok: false });
    const [row] = await db.select({ title: posts.title }).from(posts).where(eq(posts.id, ownersPost));
    expect(row?.title).toBe("Le billet de la propriétaire");
  });

  it("asks for the session again without losing the text, and renders no preview for someone signed out", async () => {
    asUser(null);
    const result = await saveEditorPost(null, editorForm({ blogId: String(blog.id), title: "Brouillon précieux", intent: "preview" }));
    expect(result).toMatchObject({ ok: false, code: "session", values: { title: "Brouillon précieux", body: "Un *premier* paragraphe." } });
    expect(result.ok ? "" : JSON.stringify(result)).not.toContain("<em>");
    expect(await previewMarkdown({ blogId: blog.id, markdown: "*bonjour*" })).toMatchObject({ ok: false, code: "session" });
  });

  it("previews for members only, and refuses a text over 200 000 characters before rendering it", async () => {
    asUser(author);
    expect(await previewMarkdown({ blogId: blog.id, markdown: "*bonjour*" })).toEqual({ ok: true, html: "<p><em>bonjour</em></p>" });
    asUser(stranger);
    expect(await previewMarkdown({ blogId: blog.id, markdown: "*bonjour*" })).toMatchObject({ ok: false, code: "not-member" });
    asUser(author);
    const tooLong = await saveEditorPost(null, editorForm({ blogId: String(blog.id), body: "[".repeat(200_001), intent: "preview" }));
    expect(tooLong).toMatchObject({ ok: false, code: "invalid", fieldErrors: { body: "C'est trop long : 200000 caractères au plus." } });
  });

  it("limits each member to sixty previews a minute", async () => {
    const busy = await makeSignedInUser("Jules Pressé");
    const busyBlog = await makeBlog(busy.userId);
    asUser(busy);
    const answers = [];
    for (let i = 0; i < 61; i += 1) answers.push(await previewMarkdown({ blogId: busyBlog.id, markdown: `essai ${i}` }));
    expect(answers.slice(0, 60).every((answer) => answer.ok)).toBe(true);
    expect(answers[60]).toMatchObject({ ok: false, code: "rate-limited" });
  }, 60_000);

  it("restores a revision for the post's author only", async () => {
    const postId = await postBy(author, "Première version");
    asUser(author);
    await saveEditorPost(null, editorForm({ blogId: String(blog.id), postId: String(postId), title: "Seconde version", intent: "publish" }));
    const [first] = await db.select({ id: postRevisions.id }).from(postRevisions).where(eq(postRevisions.postId, postId)).orderBy(postRevisions.id).limit(1);
    asUser(stranger);
    expect(await restorePostRevision(null, form({ revisionId: String(first!.id) }))).toMatchObject({ ok: false, code: "not-member" });
    asUser(author);
    takeRevalidated();
    expect(await restorePostRevision(null, form({ revisionId: String(first!.id) }))).toEqual({ ok: true, message: "Version restaurée." });
    expect(takeRevalidated().tags).toContain(`post:${postId}`);
    const [row] = await db.select({ title: posts.title }).from(posts).where(eq(posts.id, postId));
    expect(row?.title).toBe("Première version");
  });
});

describe("publishing past a new blog's newsletter ceiling", () => {
  it("publishes the post and tells the blogger, in the editor, that the subscribers were not mailed and why", async () => {
    const { addSubscribers } = await import("../helpers/newsletter-fixtures");
    const young = await makeBlog(owner.userId);
    await addSubscribers(young.id, 600, "confirmed", "plafond");
    asUser(owner);
    expect(await redirectOf(saveEditorPost(null, editorForm({ blogId: String(young.id), title: "Premier envoi", intent: "publish", confirmMailing: "1" })))).toMatch(/enregistre=publish$/);
    const held = await saveEditorPost(null, editorForm({ blogId: String(young.id), title: "Second envoi du jour", intent: "publish", confirmMailing: "1" }));
    expect(held).toMatchObject({ ok: true, values: { title: "Second envoi du jour", postId: expect.stringMatching(/^\d+$/) } });
    expect(held.ok && held.message).toMatch(/Il n'a pas été envoyé à vos abonnés : limite atteinte pour ce blog \(1\s000 e-mails de lettre d'information par 24 heures \(blog de moins de 7 jours\)\)\./);
    const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.title, "Second envoi du jour"));
    expect(post?.status).toBe("published");
  });
});
