import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { posts } from "@/lib/db/schema";
import { autosaveEditorPost, createPreviewLink, revokePreviewLink, saveEditorPost } from "@/lib/posts/actions";
import { getPreviewPost, getPublishedPost } from "@/lib/posts/queries";
import { articleSeo } from "@/lib/posts/seo";
import { asUser, formOf, makeSignedInTeam, redirectOf, takeRevalidated, type TestAccount } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

const team = await makeSignedInTeam();

const editorForm = (fields: Record<string, string>) =>
  formOf({ title: "Carnet de route", slug: "", body: "Le col était encore enneigé.", excerpt: "", category: "", tags: "", scheduledFor: "", coverMediaId: "", ...fields });

/** A post saved through the editor by `account` in `blogId`; its id. */
async function savedPost(account: TestAccount, blogId: number, fields: Record<string, string>): Promise<number> {
  asUser(account);
  const where = await redirectOf(saveEditorPost(null, editorForm({ blogId: String(blogId), intent: "draft", ...fields })));
  const id = Number(/articles\/(\d+)/.exec(where ?? "")?.[1]);
  if (!id) throw new Error(`not created: ${where}`);
  return id;
}

async function tokenOf(postId: number): Promise<string | null> {
  const [row] = await db.select({ token: posts.previewToken }).from(posts).where(eq(posts.id, postId));
  return row?.token ?? null;
}

const link = (blogId: number, postId: number) => formOf({ blogId: String(blogId), postId: String(postId) });

describe("a draft's preview link", () => {
  it("is created by the post's owner, opens the draft to anyone with it, and stops working once revoked", async () => {
    const postId = await savedPost(team.owner, team.blog.id, { title: "Les lacs d'altitude", slug: "lacs-d-altitude" });
    asUser(team.owner);
    takeRevalidated();
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toEqual({ ok: true, message: "Lien d'aperçu créé." });
    // The editor's page is rendered again with the link; no reader page changed.
    expect(takeRevalidated()).toEqual({ tags: [], refreshes: 1 });
    const token = await tokenOf(postId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const shown = await getPreviewPost({ blogId: team.blog.id, token: token!, now: Date.UTC(2026, 11, 3) });
    expect(shown).toMatchObject({ id: postId, title: "Les lacs d'altitude", bodyHtml: "<p>Le col était encore enneigé.</p>", publishedAt: Date.UTC(2026, 11, 3) });
    // Still a draft: the public address shows nothing.
    expect(await getPublishedPost({ blogId: team.blog.id, slug: "lacs-d-altitude" })).toBeNull();

    // A new link replaces the old one.
    await createPreviewLink(null, link(team.blog.id, postId));
    const second = await tokenOf(postId);
    expect(second).not.toBe(token);
    expect(await getPreviewPost({ blogId: team.blog.id, token: token!, now: Date.now() })).toBeNull();

    expect(await revokePreviewLink(null, link(team.blog.id, postId))).toEqual({ ok: true, message: "Lien d'aperçu révoqué : il ne mène plus à l'article." });
    expect(await tokenOf(postId)).toBeNull();
    expect(await getPreviewPost({ blogId: team.blog.id, token: second!, now: Date.now() })).toBeNull();
  });

  it("shows a scheduled post at its date, and nothing once the post is published", async () => {
    const postId = await savedPost(team.author, team.blog.id, { title: "Programmé pour l'hiver", scheduledFor: "2099-01-15T09:00", intent: "schedule" });
    asUser(team.author);
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toMatchObject({ ok: true });
    const token = (await tokenOf(postId))!;
    const scheduled = await getPreviewPost({ blogId: team.blog.id, token, now: Date.now() });
    expect(scheduled?.publishedAt).toBeGreaterThan(Date.UTC(2099, 0, 14));

    await redirectOf(saveEditorPost(null, editorForm({ blogId: String(team.blog.id), postId: String(postId), title: "Programmé pour l'hiver", intent: "publish" })));
    expect(await getPreviewPost({ blogId: team.blog.id, token, now: Date.now() })).toBeNull();
    // A published post gets no new link: its public address is the one to share.
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toMatchObject({ ok: false, error: "Cet article est publié : partagez plutôt son adresse publique." });
  });

  it("opens nothing from another blog's address, nor for a token of the wrong shape", async () => {
    const postId = await savedPost(team.owner, team.blog.id, { title: "Réservé à ce blog" });
    asUser(team.owner);
    await createPreviewLink(null, link(team.blog.id, postId));
    const token = (await tokenOf(postId))!;
    expect(await getPreviewPost({ blogId: team.strangersBlog.id, token, now: Date.now() })).toBeNull();
    expect(await getPreviewPost({ blogId: team.blog.id, token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, now: Date.now() })).toBeNull();
  });

  it("is refused to a stranger, to someone signed out, to an author for another's post, and with forged ids", async () => {
    const postId = await savedPost(team.owner, team.blog.id, { title: "Le brouillon de la propriétaire" });
    const strangersPost = await savedPost(team.stranger, team.strangersBlog.id, { title: "Le brouillon de l'inconnue" });

    asUser(null);
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toMatchObject({ ok: false, code: "session" });
    asUser(team.stranger);
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toMatchObject({ ok: false, code: "not-member" });
    // The stranger's own blog with the victim's post: the post is looked up in the stranger's blog only.
    expect(await createPreviewLink(null, link(team.strangersBlog.id, postId))).toMatchObject({ ok: false, code: "not-found" });
    // An author may share their own posts only, as they may edit only those.
    asUser(team.author);
    expect(await createPreviewLink(null, link(team.blog.id, postId))).toMatchObject({ ok: false, code: "forbidden", error: "Vous ne pouvez pas modifier cet article." });
    // The owner of one blog, naming a post of another blog through their own blog's id.
    asUser(team.owner);
    expect(await createPreviewLink(null, link(team.blog.id, strangersPost))).toMatchObject({ ok: false, code: "not-found" });
    expect(await tokenOf(postId)).toBeNull();
    expect(await tokenOf(strangersPost)).toBeNull();

    // Nobody but the post's editors can withdraw a link either.
    await createPreviewLink(null, link(team.blog.id, postId));
    const token = await tokenOf(postId);
    for (const [account, blogId] of [[null, team.blog.id], [team.stranger, team.blog.id], [team.stranger, team.strangersBlog.id], [team.author, team.blog.id]] as const) {
      asUser(account);
      expect(await revokePreviewLink(null, link(blogId, postId))).toMatchObject({ ok: false });
    }
    expect(await tokenOf(postId)).toBe(token);
  });
});

describe("a post's search engine fields", () => {
  it("are saved with the post, capped at 70 and 160 characters, and empty means none", async () => {
    const seoTitle = "Randonnée aux lacs d'altitude : itinéraire, durée, conseils pratiques.";
    expect(seoTitle).toHaveLength(70);
    const seoDescription = "Trois lacs en une journée depuis le refuge : le sentier, les passages délicats après la neige, l'eau à emporter et l'heure où partir pour éviter l'orage du soir";
    expect(seoDescription).toHaveLength(160);
    asUser(team.owner);
    const tooLong = await saveEditorPost(null, editorForm({ blogId: String(team.blog.id), intent: "draft", seoTitle: `${seoTitle}!`, seoDescription: `${seoDescription}!` }));
    expect(tooLong).toMatchObject({
      ok: false,
      fieldErrors: { seoTitle: "C'est trop long : 70 caractères au plus.", seoDescription: "C'est trop long : 160 caractères au plus." },
      // What was typed comes back to the form.
      values: { seoTitle: `${seoTitle}!` },
    });

    const postId = await savedPost(team.owner, team.blog.id, { title: "Les lacs", slug: "les-lacs", seoTitle, seoDescription: `  ${seoDescription}  ` });
    const [saved] = await db.select({ seoTitle: posts.seoTitle, seoDescription: posts.seoDescription, editVersion: posts.editVersion }).from(posts).where(eq(posts.id, postId));
    expect(saved).toMatchObject({ seoTitle, seoDescription });

    // Autosave writes the title and text only: the fields stay.
    await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: saved!.editVersion, title: "Les lacs (suite)", body: "Encore un col." });
    await redirectOf(saveEditorPost(null, editorForm({ blogId: String(team.blog.id), postId: String(postId), title: "Les lacs", slug: "les-lacs", intent: "publish", seoTitle, seoDescription })));
    const published = await getPublishedPost({ blogId: team.blog.id, slug: "les-lacs" });
    expect(published).toMatchObject({ seoTitle, seoDescription });
    expect(articleSeo(published!, "Mon blog")).toEqual({ title: seoTitle, shareTitle: seoTitle, description: seoDescription });

    // Emptied: the page's title and summary are the post's again.
    await redirectOf(saveEditorPost(null, editorForm({ blogId: String(team.blog.id), postId: String(postId), title: "Les lacs", slug: "les-lacs", intent: "publish", seoTitle: " ", seoDescription: "" })));
    const plain = await getPublishedPost({ blogId: team.blog.id, slug: "les-lacs" });
    expect(plain).toMatchObject({ seoTitle: null, seoDescription: null });
    expect(articleSeo(plain!, "Mon blog")).toEqual({ title: "Les lacs — Mon blog", shareTitle: "Les lacs", description: plain!.excerpt });
  });
});
