import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { blogSlugTag, platformPostsTag } from "@/lib/cache-tags";
import { db } from "@/lib/db";
import { blogs } from "@/lib/db/schema";
import { saveBlogSettings } from "@/lib/settings/mutations";
import { createBlog, createUser } from "../helpers/admin-fixtures";

let owner: Awaited<ReturnType<typeof createUser>>;
let author: Awaited<ReturnType<typeof createUser>>;
let stranger: Awaited<ReturnType<typeof createUser>>;
let blog: Awaited<ReturnType<typeof createBlog>>;

beforeAll(async () => {
  owner = await createUser("Clémence Propriétaire");
  author = await createUser("Jules Auteur");
  stranger = await createUser("Mallory Inconnue");
  blog = await createBlog("jardin-partage", owner, [{ id: author.id, role: "author" }]);
  await createBlog("autre-jardin", stranger);
  // Options another page manages: a settings save must leave them alone.
  await db
    .update(blogs)
    .set({ settings: { accentColor: "#8a3b12", sidebarWidgets: ["newsletter"], moderation: "first-time", newsletterFullText: true, feedFullText: false } })
    .where(eq(blogs.id, blog.id));
});

function settingsForm(fields: Partial<Record<string, string | string[]>> = {}) {
  const form = new FormData();
  const all = {
    title: "Le jardin partagé",
    description: "Potager, compost et voisins.",
    language: "en",
    timeZone: "America/Toronto",
    accentColor: "#2E7D32",
    sidebarWidgets: ["archives", "newsletter"],
    moderation: "all",
    ...fields,
  };
  for (const [name, value] of Object.entries(all)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) form.append(name, item);
  }
  return form;
}

const readBlogRow = async () => (await db.select().from(blogs).where(eq(blogs.id, blog.id)))[0]!;

describe("saving a blog's settings", () => {
  it("writes every setting for the owner, confirms in the language just chosen and names the cache tags to refresh", async () => {
    const result = await saveBlogSettings({ userId: owner.id, blogId: blog.id, formData: settingsForm() });
    expect(result).toEqual({ ok: true, message: "Settings saved: your blog is up to date.", tags: [blogSlugTag("jardin-partage"), platformPostsTag()] });
    const row = await readBlogRow();
    expect(row).toMatchObject({ title: "Le jardin partagé", description: "Potager, compost et voisins.", language: "en", timeZone: "America/Toronto" });
    expect(row.settings).toEqual({
      accentColor: "#2e7d32",
      sidebarWidgets: ["newsletter", "archives"],
      moderation: "all",
      newsletterFullText: true,
      feedFullText: false,
    });
  });

  it("does not ask the platform's home page to refresh when the title stays the same", async () => {
    const result = await saveBlogSettings({ userId: owner.id, blogId: blog.id, formData: settingsForm({ moderation: "none" }) });
    expect(result).toMatchObject({ ok: true, tags: [blogSlugTag("jardin-partage")] });
  });

  it("lets the owner hide every sidebar box", async () => {
    const form = settingsForm();
    form.delete("sidebarWidgets");
    expect((await saveBlogSettings({ userId: owner.id, blogId: blog.id, formData: form })).ok).toBe(true);
    expect((await readBlogRow()).settings.sidebarWidgets).toEqual([]);
  });

  it("refuses an author of the blog and a stranger with a forged blog id, changing nothing", async () => {
    const before = await readBlogRow();
    for (const userId of [author.id, stranger.id]) {
      const result = await saveBlogSettings({ userId, blogId: blog.id, formData: settingsForm({ title: "Pris d'assaut" }) });
      expect(result).toMatchObject({ ok: false, error: "Vous n'avez pas le droit de faire cela sur ce blog.", values: { title: "Pris d'assaut" } });
    }
    expect(await readBlogRow()).toEqual(before);
  });

  it("answers each bad field of a French blog in French next to it, keeps what was typed and writes nothing", async () => {
    await db.update(blogs).set({ language: "fr" }).where(eq(blogs.id, blog.id));
    const before = await readBlogRow();
    const form = settingsForm({
      title: "   ",
      description: "d".repeat(301),
      language: "de",
      timeZone: "Mars/Olympus_Mons",
      accentColor: "rouge",
      sidebarWidgets: ["archives", "publicite"],
      moderation: "parfois",
    });
    const result = await saveBlogSettings({ userId: owner.id, blogId: blog.id, formData: form });
    expect(result).toEqual({
      ok: false,
      error: "Corrigez les champs signalés puis réessayez.",
      fieldErrors: {
        title: "Ce champ est obligatoire.",
        description: "C'est trop long : 300 caractères au plus.",
        language: "Choisissez une des possibilités proposées.",
        timeZone: "Choisissez un fuseau horaire de la liste.",
        accentColor: "Indiquez une couleur au format #rrvvbb, par exemple #8a3b12.",
        sidebarWidgets: "Choisissez une des possibilités proposées.",
        moderation: "Choisissez une des possibilités proposées.",
      },
      values: {
        title: "   ",
        description: "d".repeat(301),
        language: "de",
        timeZone: "Mars/Olympus_Mons",
        accentColor: "rouge",
        sidebarWidgets: "archives,publicite",
        moderation: "parfois",
      },
    });
    expect(await readBlogRow()).toEqual(before);
  });
});
