import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import matter from "gray-matter";
import { beforeAll, describe, expect, it } from "vitest";
import { streamBlogExport } from "@/lib/export/blog-zip";
import { cdata } from "@/lib/export/wxr";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { createBlog, createUser } from "../helpers/admin-fixtures";
import { fillBlog, HOSTILE_MARKDOWN } from "../helpers/blog-content";
import { readZipStream, type ZipEntries } from "../helpers/zip";

const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-export-")));

type Xml = Record<string, unknown>;
const ARRAYS = new Set(["item", "wp:comment", "category", "wp:postmeta", "wp:author", "wp:category", "wp:tag"]);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => ARRAYS.has(name) });

let owner: Awaited<ReturnType<typeof createUser>>;
let blog: Awaited<ReturnType<typeof createBlog>>;
let content: Awaited<ReturnType<typeof fillBlog>>;
let entries: ZipEntries;
let wxrText: string;
let channel: Xml;

const text = (value: unknown) => (typeof value === "object" && value !== null ? String((value as Xml)["#text"] ?? "") : String(value ?? ""));
const items = () => channel.item as Xml[];
const itemById = (id: number) => items().find((item) => text(item["wp:post_id"]) === String(id));
const metaOf = (item: Xml, key: string) => (item["wp:postmeta"] as Xml[] | undefined)?.find((meta) => text(meta["wp:meta_key"]) === key)?.["wp:meta_value"];

beforeAll(async () => {
  owner = await createUser("Odile Marchand");
  blog = await createBlog("au-fil-de-l-eau", owner);
  content = await fillBlog(blog, owner.id, storage);
  // Another blog, with its own posts, comments, media and subscribers: none of it may leak.
  const neighbour = await createUser("Voisin Indiscret");
  const neighbourBlog = await createBlog("blog-voisin", neighbour);
  await fillBlog(neighbourBlog, neighbour.id, storage, "voisin-");
  const stream = await streamBlogExport(blog.id, storage, Date.UTC(2026, 11, 2, 12));
  if (!stream) throw new Error("no export");
  entries = await readZipStream(stream);
  wxrText = entries.get("wordpress.xml")?.bytes.toString("utf8") ?? "";
  channel = (parser.parse(wxrText) as { rss: { channel: Xml } }).rss.channel;
});

describe("the WXR file of an export", () => {
  it("is well-formed XML in the WXR 1.2 shape WordPress's importer reads", () => {
    expect(XMLValidator.validate(wxrText)).toBe(true);
    const rss = (parser.parse(wxrText) as { rss: Xml }).rss;
    expect(rss["@version"]).toBe("2.0");
    expect(rss).toMatchObject({
      "@xmlns:excerpt": "http://wordpress.org/export/1.2/excerpt/",
      "@xmlns:content": "http://purl.org/rss/1.0/modules/content/",
      "@xmlns:wfw": "http://wellformedweb.org/CommentAPI/",
      "@xmlns:dc": "http://purl.org/dc/elements/1.1/",
      "@xmlns:wp": "http://wordpress.org/export/1.2/",
    });
    expect(text(channel["wp:wxr_version"])).toBe("1.2");
    expect(text(channel["wp:base_site_url"])).toBe("https://au-fil-de-l-eau.carnet.test");
    expect(text(channel.title)).toBe("Carnet au-fil-de-l-eau");
    expect(channel["wp:author"]).toEqual([
      expect.objectContaining({ "wp:author_login": "odile-marchand", "wp:author_email": owner.email, "wp:author_display_name": "Odile Marchand" }),
    ]);
    expect((channel["wp:category"] as Xml[]).map((term) => [text(term["wp:category_nicename"]), text(term["wp:cat_name"])])).toEqual([["voyages", "Voyages"]]);
    expect((channel["wp:tag"] as Xml[]).map((term) => [text(term["wp:tag_slug"]), text(term["wp:tag_name"])])).toEqual([
      ["loire", "Loire"],
      ["velo", "Vélo"],
    ]);
  });

  it("holds every post with its id, dates in the blog's time and in GMT, slug, status, author, category and tags", () => {
    const posts = items().filter((item) => text(item["wp:post_type"]) === "post");
    expect(posts).toHaveLength(4);
    const published = itemById(content.posts.published)!;
    expect(published).toMatchObject({
      title: "Au fil de la Loire, à vélo",
      link: "https://au-fil-de-l-eau.carnet.test/archives/2012/06/24/au-fil-de-la-loire",
      "dc:creator": "odile-marchand",
      "wp:post_date": "2012-06-24 18:30:00", // Europe/Paris, summer time
      "wp:post_date_gmt": "2012-06-24 16:30:00",
      "wp:post_name": "au-fil-de-la-loire",
      "wp:status": "publish",
      "wp:post_type": "post",
    });
    expect((published.category as Xml[]).map((term) => [term["@domain"], term["@nicename"], text(term)])).toEqual([
      ["category", "voyages", "Voyages"],
      ["post_tag", "loire", "Loire"],
      ["post_tag", "velo", "Vélo"],
    ]);
    expect(text(published["content:encoded"])).toContain("<strong>Orléans</strong>");
    expect(text(published["content:encoded"])).toContain(`src="https://au-fil-de-l-eau.carnet.test/medias/${content.media.inlineKey}"`);
    expect(text(metaOf(published, "_carnet_markdown"))).toContain(`![](https://au-fil-de-l-eau.carnet.test/medias/${content.media.inlineKey})`);

    expect(itemById(content.posts.draft)).toMatchObject({ "wp:status": "draft", "wp:post_date_gmt": "0000-00-00 00:00:00", "wp:post_name": "brouillon-de-blois" });
    expect(itemById(content.posts.scheduled)).toMatchObject({ "wp:status": "future", "wp:post_date_gmt": "2031-01-01 08:00:00", "wp:post_date": "2031-01-01 09:00:00" });
  });

  it("threads the comments through wp:comment_parent, keeps pending ones as waiting and leaves spam out", () => {
    const published = itemById(content.posts.published)!;
    const thread = (published["wp:comment"] as Xml[]).map((comment) => ({
      id: Number(text(comment["wp:comment_id"])),
      parent: Number(text(comment["wp:comment_parent"])),
      author: text(comment["wp:comment_author"]),
      approved: text(comment["wp:comment_approved"]),
      dateGmt: text(comment["wp:comment_date_gmt"]),
    }));
    expect(thread).toEqual([
      { id: content.comments.first, parent: 0, author: "Mireille", approved: "1", dateGmt: "2012-06-25 08:00:00" },
      { id: content.comments.reply, parent: content.comments.first, author: "Odile", approved: "1", dateGmt: "2012-06-25 09:00:00" },
      { id: content.comments.deep, parent: content.comments.reply, author: "Mireille", approved: "1", dateGmt: "2012-06-25 10:00:00" },
      { id: content.comments.pending, parent: 0, author: "Paul", approved: "0", dateGmt: "2012-06-26 10:00:00" },
    ]);
    expect(wxrText).not.toContain("Achetez");
  });

  it("keeps text holding ]]> and hostile HTML inside its CDATA, where it reads back unchanged", () => {
    const hostile = itemById(content.posts.hostile)!;
    expect(text(hostile.title)).toBe('Le billet piégé <script>alert("titre")</script> & ]]>');
    expect(text(metaOf(hostile, "_carnet_markdown"))).toBe(HOSTILE_MARKDOWN);
    const html = text(hostile["content:encoded"]);
    expect(html).toContain("]]>");
    expect(html).not.toMatch(/<script|onerror|javascript:/);
    const [comment] = hostile["wp:comment"] as Xml[];
    expect(text(comment?.["wp:comment_content"])).toBe("]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><script>alert(3)</script>");
    expect(text(comment?.["wp:comment_author"])).toBe("Pirate ]]> <b>");
    // The injected element did not become one: the comment has its one real status.
    expect(text(comment?.["wp:comment_approved"])).toBe("1");
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
  });

  it("lists the images as attachments WordPress downloads, the cover as the post's featured image", () => {
    const attachments = items().filter((item) => text(item["wp:post_type"]) === "attachment");
    expect(attachments).toHaveLength(2);
    const urls = attachments.map((item) => text(item["wp:attachment_url"]));
    expect(urls).toContain(`https://au-fil-de-l-eau.carnet.test/medias/${content.media.inlineKey}`);
    const cover = attachments.find((item) => text(metaOf(item, "_wp_attachment_image_alt")) === "Le pont de pierre à l'aube")!;
    expect(text(metaOf(itemById(content.posts.published)!, "_thumbnail_id"))).toBe(text(cover["wp:post_id"]));
    const postIds = items()
      .filter((item) => text(item["wp:post_type"]) === "post")
      .map((item) => Number(text(item["wp:post_id"])));
    for (const attachment of attachments) expect(postIds).not.toContain(Number(text(attachment["wp:post_id"])));
  });
});

describe("the rest of the zip", () => {
  it("has each post as Markdown with its front matter, images pointing at the zip's own media folder", () => {
    const names = [...entries.keys()].filter((name) => name.startsWith("articles/")).sort();
    expect(names).toEqual(["articles/a-venir.md", "articles/au-fil-de-la-loire.md", "articles/billet-piege.md", "articles/brouillon-de-blois.md"]);
    const file = matter(entries.get("articles/au-fil-de-la-loire.md")!.bytes.toString("utf8"));
    expect(file.data).toEqual({
      title: "Au fil de la Loire, à vélo",
      date: "2012-06-24T16:30:00.000Z",
      slug: "au-fil-de-la-loire",
      status: "published",
      category: "Voyages",
      tags: ["Loire", "Vélo"],
    });
    expect(file.content).toContain(`![](../medias/${content.media.inlineKey})`);
    const hostile = matter(entries.get("articles/billet-piege.md")!.bytes.toString("utf8"));
    expect(hostile.data.title).toBe('Le billet piégé <script>alert("titre")</script> & ]]>');
    expect(hostile.content.trim()).toBe(HOSTILE_MARKDOWN);
    expect(matter(entries.get("articles/brouillon-de-blois.md")!.bytes.toString("utf8")).data).toMatchObject({ status: "draft", tags: [] });
  });

  it("holds the image files byte for byte, stored uncompressed", async () => {
    const mediaEntries = [...entries.entries()].filter(([name]) => name.startsWith("medias/"));
    expect(mediaEntries).toHaveLength(2);
    for (const [name, entry] of mediaEntries) {
      expect(entry.compressed).toBe(false);
      expect(Buffer.compare(entry.bytes, Buffer.from((await storage.get(name.slice("medias/".length)))!))).toBe(0);
    }
  });

  it("lists only the confirmed subscribers, in the same CSV as the subscribers page's export", () => {
    const csv = entries.get("abonnes.csv")!.bytes.toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["email", "statut", "source", "inscription", "confirmation", "desinscription"]);
    expect(rows.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ["lectrice@exemple.fr", "confirmé"],
      ["lecteur@exemple.fr", "confirmé"],
    ]);
  });

  it("never holds anything of another blog", () => {
    const everything = [...entries.values()].map((entry) => entry.bytes.toString("latin1")).join("\n");
    expect(everything).not.toContain("voisin");
    expect(everything).not.toContain("Voisin");
    expect([...entries.keys()].filter((name) => name.includes("voisin"))).toEqual([]);
  });

  it("starts with a note in French saying what each part is", () => {
    expect(entries.get("LISEZMOI.txt")?.bytes.toString("utf8")).toContain("WordPress le relit par Outils › Importer › WordPress");
  });
});
