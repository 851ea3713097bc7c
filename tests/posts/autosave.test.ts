import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, posts, subscribers } from "@/lib/db/schema";
import { autosaveEditorPost, discardEditorPending, saveEditorPost } from "@/lib/posts/actions";
import { countWords } from "@/lib/posts/word-count";
import { asUser, formOf, makeSignedInTeam, redirectOf, takeRevalidated, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

let team: TestTeam;

beforeAll(async () => {
  team = await makeSignedInTeam();
});

const editorForm = (fields: Record<string, string>) =>
  formOf({ blogId: String(team.blog.id), title: "Carnet de bord", slug: "", body: "Un paragraphe.", excerpt: "", category: "", tags: "", scheduledFor: "", coverMediaId: "", ...fields });

async function row(postId: number) {
  const [found] = await db.select().from(posts).where(eq(posts.id, postId));
  if (!found) throw new Error("no post");
  return found;
}

/** A post published through the editor's action, with its edit version. */
async function published(title: string, body = "Le texte public.") {
  asUser(team.owner);
  const where = await redirectOf(saveEditorPost(null, editorForm({ title, body, intent: "publish" })));
  const postId = Number(/articles\/(\d+)/.exec(where ?? "")?.[1]);
  if (!postId) throw new Error(`not published: ${where}`);
  return { postId, version: (await row(postId)).editVersion };
}

describe("autosave", () => {
  it("makes a new post a draft on its first autosave, then keeps its text, and never publishes it", async () => {
    asUser(team.author);
    takeRevalidated();
    const first = await autosaveEditorPost({ blogId: team.blog.id, title: "Premier jet", body: "Des mots" });
    expect(first).toMatchObject({ ok: true, editVersion: 1 });
    const postId = first.ok ? first.postId! : 0;
    const second = await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: 1, title: "Premier jet", body: "Des mots, et d'autres" });
    expect(second).toMatchObject({ ok: true, postId, editVersion: 2, pending: false });
    const saved = await row(postId);
    expect(saved).toMatchObject({ status: "draft", publishedAt: null, title: "Premier jet", bodyMarkdown: "Des mots, et d'autres", authorId: team.author.userId });
    // Nothing public changed: no reader page is revalidated.
    expect(takeRevalidated().tags).toEqual([]);
  });

  it("keeps a published post's changes aside until « Mettre à jour », readers still see the public text", async () => {
    const { postId, version } = await published("Le marché du samedi");
    const before = await row(postId);
    const saved = await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Le marché du dimanche", body: "Un texte encore en chantier." });
    expect(saved).toMatchObject({ ok: true, pending: true });
    const after = await row(postId);
    expect(after).toMatchObject({ title: "Le marché du samedi", bodyMarkdown: "Le texte public.", bodyHtml: before.bodyHtml, pendingTitle: "Le marché du dimanche" });
    expect(after.pendingBody).toBe("Un texte encore en chantier.");

    // « Mettre à jour » publishes the text and clears what was kept aside.
    await saveEditorPost(null, editorForm({ postId: String(postId), baseVersion: String(after.editVersion), title: "Le marché du dimanche", body: "Un texte fini.", intent: "publish" }));
    expect(await row(postId)).toMatchObject({ title: "Le marché du dimanche", bodyMarkdown: "Un texte fini.", pendingTitle: null, pendingBody: null, pendingSavedAt: null });
  });

  it("drops a pending revision on « Abandonner ces modifications », the public text untouched", async () => {
    const { postId, version } = await published("Les vendanges");
    await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Les vendanges (brouillon)", body: "…" });
    expect(await redirectOf(discardEditorPending(null, formOf({ blogId: String(team.blog.id), postId: String(postId) })))).toBe(`/admin/${team.blog.slug}/articles/${postId}`);
    expect(await row(postId)).toMatchObject({ title: "Les vendanges", pendingTitle: null, pendingBody: null });
  });

  it("tells the second tab that the post changed and gives it the other version, writing nothing", async () => {
    const { postId, version } = await published("Deux onglets");
    const firstTab = await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Deux onglets", body: "Version du premier onglet" });
    expect(firstTab).toMatchObject({ ok: true, editVersion: version + 1 });
    const secondTab = await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Deux onglets", body: "Version du second onglet" });
    expect(secondTab).toMatchObject({ ok: true, conflict: { body: "Version du premier onglet", editVersion: version + 1 } });
    expect((await row(postId)).pendingBody).toBe("Version du premier onglet");
    // « Garder la mienne »: saved over the version it was shown.
    expect(await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version + 1, title: "Deux onglets", body: "Version du second onglet" })).toMatchObject({ ok: true });
    expect((await row(postId)).pendingBody).toBe("Version du second onglet");
  });

  it("refuses a full save from a form opened before another save, until the blogger confirms theirs", async () => {
    const { postId, version } = await published("Conflit de formulaire");
    await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Conflit de formulaire", body: "L'autre onglet" });
    const stale = await saveEditorPost(null, editorForm({ postId: String(postId), baseVersion: String(version), title: "Conflit de formulaire", body: "Le mien", intent: "publish" }));
    expect(stale).toMatchObject({ ok: false, code: "conflict", values: { body: "Le mien" } });
    expect((await row(postId)).bodyMarkdown).toBe("Le texte public.");
    await saveEditorPost(null, editorForm({ postId: String(postId), baseVersion: String(version), overwrite: "1", title: "Conflit de formulaire", body: "Le mien", intent: "publish" }));
    expect((await row(postId)).bodyMarkdown).toBe("Le mien");
  });

  it("never lets a member autosave into another blog's post, or an author into the owner's, even with forged ids", async () => {
    const { postId, version } = await published("Le billet de la propriétaire");
    asUser(team.author);
    expect(await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Détourné", body: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    asUser(team.stranger);
    expect(await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Intrus", body: "x" })).toMatchObject({ ok: false, code: "not-member" });
    expect(await autosaveEditorPost({ blogId: team.strangersBlog.id, postId, baseVersion: version, title: "Intrus", body: "x" })).toMatchObject({ ok: false, code: "not-found" });
    asUser(null);
    expect(await autosaveEditorPost({ blogId: team.blog.id, postId, baseVersion: version, title: "Anonyme", body: "x" })).toMatchObject({ ok: false, code: "session" });
    expect(await row(postId)).toMatchObject({ title: "Le billet de la propriétaire", pendingTitle: null });
  });

  it("refuses a text over 200 000 characters before touching the post", async () => {
    asUser(team.owner);
    const result = await autosaveEditorPost({ blogId: team.blog.id, title: "Trop long", body: "a".repeat(200_001) });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
  });
});

describe("publishing is deliberate", () => {
  it("refuses to publish or schedule an empty post, and keeps the title typed; an empty draft is fine", async () => {
    asUser(team.owner);
    const refused = await saveEditorPost(null, editorForm({ title: "Rien à dire", body: "  \n ", intent: "publish" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { body: "Écrivez le texte de l'article avant de le publier." }, values: { title: "Rien à dire" } });
    const later = await saveEditorPost(null, editorForm({ title: "Rien à dire", body: "", intent: "schedule", scheduledFor: "2099-01-01T10:00" }));
    expect(later).toMatchObject({ ok: false, fieldErrors: { body: "Écrivez le texte de l'article avant de le publier." } });
    expect(await redirectOf(saveEditorPost(null, editorForm({ title: "Rien à dire", body: "", intent: "draft" })))).toMatch(/enregistre=draft$/);
  });

  it("says how many subscribers will be mailed and asks once before publishing; nothing is sent before the answer", async () => {
    asUser(team.owner);
    await db.insert(subscribers).values([
      { blogId: team.strangersBlog.id, email: "lectrice@example.org", status: "confirmed" },
      { blogId: team.strangersBlog.id, email: "lecteur@example.org", status: "confirmed" },
      { blogId: team.strangersBlog.id, email: "indecis@example.org", status: "pending" },
    ]);
    asUser(team.stranger);
    const form = (fields: Record<string, string>) => editorForm({ blogId: String(team.strangersBlog.id), title: "La lettre d'hiver", intent: "publish", ...fields });
    const asked = await saveEditorPost(null, form({}));
    expect(asked).toMatchObject({ ok: false, code: "confirm-mailing", error: "Cet article sera envoyé par e-mail à 2 abonnés. Le publier maintenant ?", values: { title: "La lettre d'hiver", intent: "publish" } });
    expect(await db.select().from(posts).where(eq(posts.blogId, team.strangersBlog.id))).toHaveLength(0);
    const where = await redirectOf(saveEditorPost(null, form({ confirmMailing: "1" })));
    expect(where).toMatch(/enregistre=publish$/);
    const mails = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(eq(emailOutbox.blogId, team.strangersBlog.id));
    expect(mails.map((mail) => mail.to).sort()).toEqual(["lecteur@example.org", "lectrice@example.org"]);
    // Already mailed: updating it asks nothing.
    const postId = Number(/articles\/(\d+)/.exec(where ?? "")?.[1]);
    expect(await saveEditorPost(null, form({ postId: String(postId), title: "La lettre d'hiver, corrigée" }))).toMatchObject({ ok: true, message: "Article mis à jour." });
  });
});

describe("the summary (« Chapô »)", () => {
  it("follows the text until the blogger writes one, and never quotes an image's description", async () => {
    asUser(team.owner);
    const where = await redirectOf(saveEditorPost(null, editorForm({ title: "Le port", body: "![Photo du port au matin](/medias/abc.jpg)\n\nLes bateaux rentrent.", intent: "draft" })));
    const postId = Number(/articles\/(\d+)/.exec(where ?? "")?.[1]);
    expect(await row(postId)).toMatchObject({ excerpt: "Les bateaux rentrent.", excerptCustom: false });
    // Saved again with the field left empty: the summary follows the new text.
    const version = (await row(postId)).editVersion;
    await saveEditorPost(null, editorForm({ postId: String(postId), baseVersion: String(version), title: "Le port", body: "Les bateaux sont rentrés.", intent: "draft" }));
    expect(await row(postId)).toMatchObject({ excerpt: "Les bateaux sont rentrés.", excerptCustom: false });
    await saveEditorPost(null, editorForm({ postId: String(postId), title: "Le port", body: "Les bateaux sont rentrés.", excerpt: "Mon résumé.", intent: "draft" }));
    expect(await row(postId)).toMatchObject({ excerpt: "Mon résumé.", excerptCustom: true });
  });
});

describe("word count", () => {
  it("counts the words a reader reads, not image descriptions, addresses or Markdown signs", () => {
    expect(countWords("")).toEqual({ words: 0, minutes: 0 });
    expect(countWords("## Un titre\n\n**Gras** et [un lien](https://exemple.org/page) !\n\n![Une photo du port](/medias/a.jpg)\n\n- l'île")).toEqual({ words: 7, minutes: 1 });
    expect(countWords("mot ".repeat(690)).minutes).toBe(3);
  });
});
