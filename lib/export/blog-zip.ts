import "server-only";
import type { Readable } from "node:stream";
import { slugify } from "@/lib/posts/slug";
import { articlePath } from "@/lib/posts/paths";
import { WXR_SEO_META } from "@/lib/posts/seo";
import { mediaStorage, type MediaStorage } from "@/lib/media/storage";
import { subscribersCsvPart } from "@/lib/newsletter/csv";
import { listConfirmedSubscribersPage } from "@/lib/newsletter/queries";
import { blogUrl } from "@/lib/urls";
import { markdownFileName, mediaFileName, postToMarkdownFile } from "./markdown";
import {
  getExportBlog,
  getHighestPostId,
  listExportCategories,
  listExportMedia,
  listExportPeople,
  listExportPosts,
  listExportTags,
  type ExportBlog,
  type ExportPost,
} from "./queries";
import { streamingZip } from "./zip-stream";
import { WXR_TAIL, wxrAttachmentItem, wxrHead, wxrPostItem } from "./wxr";

// Rows read per query: enough to keep the database busy, little enough that memory stays flat.
export const EXPORT_PAGE_SIZE = 100;
const PAGE = EXPORT_PAGE_SIZE;

/** Reads every page of a keyed list, one page in memory at a time. */
export async function* pages<Row extends { id: number }>(read: (afterId: number) => Promise<Row[]>): AsyncGenerator<Row> {
  let afterId = 0;
  for (;;) {
    const rows = await read(afterId);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    afterId = last.id;
  }
}

type ExportContext = {
  blog: ExportBlog;
  logins: Map<string, string>;
  defaultLogin: string;
  attachmentIdBase: number;
  absolute: (text: string) => string;
};

/** Logins for WordPress's author list: readable, unique, and the same for a person throughout the file. */
function loginsFor(people: { userId: string; name: string; email: string }[]): Map<string, string> {
  const logins = new Map<string, string>();
  const used = new Set<string>();
  for (const person of people) {
    const base = slugify(person.name || person.email.split("@")[0] || "auteur", 40) || "auteur";
    let login = base;
    for (let n = 2; used.has(login); n += 1) login = `${base}-${n}`;
    used.add(login);
    logins.set(person.userId, login);
  }
  return logins;
}

function postLink(context: ExportContext, post: ExportPost): string {
  return post.status === "published" && post.publishedAt !== null
    ? blogUrl(context.blog.slug, articlePath({ publishedAt: post.publishedAt, slug: post.slug }, context.blog.timeZone))
    : blogUrl(context.blog.slug, `/?p=${post.id}`);
}

async function* wxrDocument(context: ExportContext, channelExtras: Parameters<typeof wxrHead>[0]): AsyncGenerator<string> {
  const { blog } = context;
  yield wxrHead(channelExtras);
  for await (const post of pages((afterId) => listExportPosts({ blogId: blog.id, afterId, limit: PAGE }))) {
    const meta = [{ key: "_carnet_markdown", value: context.absolute(post.bodyMarkdown) }];
    if (post.coverMediaId !== null) meta.unshift({ key: "_thumbnail_id", value: String(context.attachmentIdBase + post.coverMediaId) });
    if (post.seoTitle) meta.push({ key: WXR_SEO_META.title, value: post.seoTitle });
    if (post.seoDescription) meta.push({ key: WXR_SEO_META.description, value: post.seoDescription });
    yield wxrPostItem(
      {
        id: post.id,
        title: post.title,
        link: postLink(context, post),
        slug: post.slug,
        authorLogin: (post.authorId && context.logins.get(post.authorId)) || context.defaultLogin,
        html: context.absolute(post.bodyHtml),
        excerpt: post.excerpt,
        status: post.status,
        publishedAt: post.publishedAt,
        createdAt: post.createdAt,
        updatedAt: post.updatedAt,
        category: post.category,
        tags: post.tags,
        meta,
        comments: post.comments,
      },
      blog.timeZone,
    );
  }
  for await (const medium of pages((afterId) => listExportMedia({ blogId: blog.id, afterId, limit: PAGE }))) {
    yield wxrAttachmentItem(
      {
        id: context.attachmentIdBase + medium.id,
        title: medium.alt || medium.storageKey,
        url: blogUrl(blog.slug, `/medias/${medium.storageKey}`),
        fileName: medium.storageKey,
        alt: medium.alt,
        authorLogin: (medium.uploaderId && context.logins.get(medium.uploaderId)) || context.defaultLogin,
        createdAt: medium.createdAt,
      },
      blog.timeZone,
    );
  }
  yield WXR_TAIL;
}

async function* subscribersCsv(blogId: number): AsyncGenerator<string> {
  // Commas: the archive is read by programs (importers) more than opened in a spreadsheet.
  yield subscribersCsvPart([], true, ",");
  for await (const row of pages((afterId) => listConfirmedSubscribersPage({ blogId, afterId, limit: PAGE }))) yield subscribersCsvPart([row], false, ",");
}

const README = (blog: ExportBlog, day: string) => `Export du blog « ${blog.title} » (${blogUrl(blog.slug, "/")}), fait le ${day} par Carnet.

- wordpress.xml : le blog au format WXR 1.2 (articles, brouillons, catégories, étiquettes, commentaires
  avec leurs réponses, images). WordPress le relit par Outils › Importer › WordPress ; Carnet aussi.
- articles/ : chaque article en Markdown, précédé de ses informations (titre, date, adresse, état,
  catégorie, étiquettes) ; les images y pointent vers le dossier medias/.
- medias/ : les images du blog, telles qu'elles sont servies.
- abonnes.csv : les abonnés confirmés à la lettre d'information (UTF-8, séparateur virgule).
  Ces adresses vous sont confiées pour ce blog : ne les utilisez pas pour autre chose.
`;

/**
 * The export of a blog as a zip stream: the WXR file, each post as Markdown with front matter, the media
 * files (read through the media storage) and the CSV of confirmed subscribers. Entries are read from
 * the database and the storage only as the zip is written, page by page, so memory stays flat whatever
 * the size of the blog. Null when the blog does not exist.
 */
export async function streamBlogExport(blogId: number, storage: MediaStorage = mediaStorage(), now = Date.now()): Promise<Readable | null> {
  const blog = await getExportBlog(blogId);
  if (!blog) return null;
  const [people, categories, tags, highestPostId] = await Promise.all([
    listExportPeople(blog.id),
    listExportCategories(blog.id),
    listExportTags(blog.id),
    getHighestPostId(blog.id),
  ]);
  const logins = loginsFor(people);
  const mediaBase = blogUrl(blog.slug, "/medias/");
  const context: ExportContext = {
    blog,
    logins,
    defaultLogin: logins.values().next().value ?? "carnet",
    attachmentIdBase: highestPostId,
    // Images are paths on the blog's host in Carnet; an export names them in full, as WordPress does.
    absolute: (text) => text.replace(/(\]\(|(?:src|href)=")\/medias\//g, `$1${mediaBase}`),
  };
  const channel = {
    title: blog.title,
    link: blogUrl(blog.slug, "/").replace(/\/$/, ""),
    description: blog.description,
    language: blog.language,
    generatedAt: now,
    authors: people.map((person, index) => ({ id: index + 1, login: logins.get(person.userId) ?? "", email: person.email, displayName: person.name })),
    categories,
    tags,
  };

  const mtime = new Date(now);
  const day = mtime.toISOString().slice(0, 10);
  const zip = streamingZip(mtime);
  const { add, aborted } = zip;

  void (async () => {
    await add("LISEZMOI.txt", async function* () {
      yield README(blog, day);
    });
    await add("wordpress.xml", () => wxrDocument(context, channel));
    for await (const post of pages((afterId) => listExportPosts({ blogId: blog.id, afterId, limit: PAGE }))) {
      if (aborted.aborted) return;
      await add(markdownFileName(post), async function* () {
        yield postToMarkdownFile(post);
      });
    }
    for await (const medium of pages((afterId) => listExportMedia({ blogId: blog.id, afterId, limit: PAGE }))) {
      if (aborted.aborted) return;
      // Images are already compressed: stored as they are.
      await add(
        mediaFileName(medium.storageKey),
        async function* () {
          const bytes = await storage.get(medium.storageKey);
          if (bytes) yield bytes;
        },
        { compress: false },
      );
    }
    await add("abonnes.csv", () => subscribersCsv(blog.id));
    zip.end();
  })().catch(zip.fail);

  return zip.output;
}
