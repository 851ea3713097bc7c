// A blog filled with everything an export or a deletion must carry or remove: posts (published, draft,
// scheduled), a category, tags, threaded comments, a cover image and one in the text, subscribers.
import sharp from "sharp";
import { db } from "@/lib/db";
import { categories, comments, posts, postTags, subscribers, tags } from "@/lib/db/schema";
import { renderMarkdownSafely } from "@/lib/markdown/render";
import { uploadMedia } from "@/lib/media/mutations";
import { mediaPath } from "@/lib/media/format";
import { getManageableMedia } from "@/lib/media/queries";
import type { MediaStorage } from "@/lib/media/storage";

export const png = (colour: string, width = 90, height = 60) => sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();

type PostInput = {
  slug: string;
  title: string;
  markdown: string;
  status?: "published" | "draft" | "scheduled";
  publishedAt?: number | null;
  categoryId?: number | null;
  coverMediaId?: number | null;
  tagIds?: number[];
};

export async function addPost(blogId: number, authorId: string, input: PostInput): Promise<number> {
  const status = input.status ?? "published";
  const rendered = await renderMarkdownSafely(input.markdown);
  if (!rendered.ok) throw new Error(`the test post « ${input.title} » does not render: ${rendered.reason}`);
  const [row] = await db
    .insert(posts)
    .values({
      blogId,
      authorId,
      slug: input.slug,
      title: input.title,
      bodyMarkdown: input.markdown,
      bodyHtml: rendered.html,
      excerpt: "",
      status,
      publishedAt: input.publishedAt === undefined ? (status === "draft" ? null : Date.UTC(2012, 5, 24, 16, 30)) : input.publishedAt,
      categoryId: input.categoryId ?? null,
      coverMediaId: input.coverMediaId ?? null,
      updatedAt: Date.UTC(2013, 0, 5, 10),
    })
    .returning({ id: posts.id });
  if (!row) throw new Error("post not created");
  if (input.tagIds?.length) await db.insert(postTags).values(input.tagIds.map((tagId) => ({ postId: row.id, tagId })));
  return row.id;
}

export async function addComment(
  blogId: number,
  postId: number,
  input: { name: string; email: string; body: string; parentId?: number; status?: "approved" | "pending" | "spam"; at?: number },
): Promise<number> {
  const [row] = await db
    .insert(comments)
    .values({
      blogId,
      postId,
      parentId: input.parentId ?? null,
      authorName: input.name,
      authorEmail: input.email,
      body: input.body,
      status: input.status ?? "approved",
      createdAt: input.at ?? Date.UTC(2012, 5, 25, 9),
    })
    .returning({ id: comments.id });
  if (!row) throw new Error("comment not created");
  return row.id;
}

export async function addSubscriber(blogId: number, email: string, status: "confirmed" | "pending" | "unsubscribed" = "confirmed"): Promise<number> {
  const [row] = await db
    .insert(subscribers)
    .values({ blogId, email, status, confirmedAt: status === "confirmed" ? Date.UTC(2013, 2, 1) : null })
    .returning({ id: subscribers.id });
  if (!row) throw new Error("subscriber not created");
  return row.id;
}

/** Text written to try to break out of CDATA and XML, and HTML a stranger would love to see run. */
export const HOSTILE_MARKDOWN = [
  "Un code qui ferme une section CDATA : `]]>` et encore ]]> au milieu du texte, & des « guillemets ».",
  "",
  '<script>alert("exporté")</script><img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">lien</a>',
  "",
  "Fin du billet.",
].join("\n");

/**
 * A blog's full content: « Voyages » category, two tags, a published post with a cover and an image in
 * its text, three-deep threaded comments, a spam comment; a draft; a scheduled post; a hostile post;
 * confirmed, pending and unsubscribed subscribers.
 */
export async function fillBlog(blog: { id: number }, ownerId: string, storage: MediaStorage, prefix = "") {
  const [category] = await db.insert(categories).values({ blogId: blog.id, slug: "voyages", name: "Voyages" }).returning({ id: categories.id });
  const tagRows = await db
    .insert(tags)
    .values([
      { blogId: blog.id, slug: "loire", name: "Loire" },
      { blogId: blog.id, slug: "velo", name: "Vélo" },
    ])
    .returning({ id: tags.id });
  const cover = await uploadMedia({ userId: ownerId, blogId: blog.id, bytes: await png("#2e86c1"), alt: "Le pont de pierre à l'aube" }, storage);
  const inline = await uploadMedia({ userId: ownerId, blogId: blog.id, bytes: await png("#c0392b"), alt: "" }, storage);
  if (!cover.ok || !inline.ok) throw new Error("media not uploaded");
  const inlineKey = (await getManageableMedia({ userId: ownerId, blogId: blog.id, mediaId: inline.mediaId }))?.storageKey;
  if (!inlineKey) throw new Error("medium not found");
  const published = await addPost(blog.id, ownerId, {
    slug: `${prefix}au-fil-de-la-loire`,
    title: `${prefix}Au fil de la Loire, à vélo`,
    markdown: `Trois jours entre **Orléans** et Blois.\n\n![](${mediaPath(inlineKey)})\n\n| étape | km |\n| --- | --- |\n| Orléans–Beaugency | 28 |\n`,
    publishedAt: Date.UTC(2012, 5, 24, 16, 30),
    categoryId: category?.id ?? null,
    coverMediaId: cover.mediaId,
    tagIds: tagRows.map((tag) => tag.id),
  });
  const first = await addComment(blog.id, published, { name: "Mireille", email: "mireille@exemple.fr", body: "Quel beau parcours !", at: Date.UTC(2012, 5, 25, 8) });
  const reply = await addComment(blog.id, published, { name: "Odile", email: "odile@exemple.fr", body: "Merci Mireille, à refaire.", parentId: first, at: Date.UTC(2012, 5, 25, 9) });
  const deep = await addComment(blog.id, published, { name: "Mireille", email: "mireille@exemple.fr", body: "Je vous suis l'an prochain.", parentId: reply, at: Date.UTC(2012, 5, 25, 10) });
  const pending = await addComment(blog.id, published, { name: "Paul", email: "paul@exemple.fr", body: "En attente de relecture.", status: "pending", at: Date.UTC(2012, 5, 26, 10) });
  await addComment(blog.id, published, { name: "Vendeur", email: "spam@exemple.fr", body: "Achetez !", status: "spam" });
  const draft = await addPost(blog.id, ownerId, { slug: `${prefix}brouillon-de-blois`, title: "Blois, brouillon", markdown: "Pas encore fini.", status: "draft" });
  const scheduled = await addPost(blog.id, ownerId, {
    slug: `${prefix}a-venir`,
    title: "Chambord bientôt",
    markdown: "Le prochain épisode.",
    status: "scheduled",
    publishedAt: Date.UTC(2031, 0, 1, 8),
  });
  const hostile = await addPost(blog.id, ownerId, {
    slug: `${prefix}billet-piege`,
    title: `${prefix}Le billet piégé <script>alert("titre")</script> & ]]>`,
    markdown: HOSTILE_MARKDOWN,
    publishedAt: Date.UTC(2013, 1, 2, 23, 30),
    categoryId: category?.id ?? null,
  });
  const hostileComment = await addComment(blog.id, hostile, {
    name: "Pirate ]]> <b>",
    email: "pirate@exemple.fr",
    body: "]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><script>alert(3)</script>",
  });
  const confirmed = [await addSubscriber(blog.id, `${prefix}lectrice@exemple.fr`), await addSubscriber(blog.id, `${prefix}lecteur@exemple.fr`)];
  await addSubscriber(blog.id, `${prefix}hesitant@exemple.fr`, "pending");
  await addSubscriber(blog.id, `${prefix}parti@exemple.fr`, "unsubscribed");
  return {
    categoryId: category?.id ?? 0,
    tagIds: tagRows.map((tag) => tag.id),
    media: { cover: cover.mediaId, inline: inline.mediaId, inlineKey },
    posts: { published, draft, scheduled, hostile },
    comments: { first, reply, deep, pending, hostile: hostileComment },
    confirmed,
  };
}
