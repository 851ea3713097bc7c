import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { media, posts } from "@/lib/db/schema";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { createImageLocalizer } from "@/lib/import/images";
import { importXmlFile, surveyXmlFile } from "@/lib/import/run";
import { isPublicAddress, safeFetch } from "@/lib/import/safe-fetch";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { makeBlog, makeUser } from "../helpers/fixtures";
import { fixtureFile } from "./helpers";
import { redirectTo, serveBytes, startFileServer } from "./file-server";

let converter: HtmlConverter;
let site: Awaited<ReturnType<typeof startFileServer>>;
const storage = fileSystemMediaStorage(mkdtempSync(join(tmpdir(), "carnet-import-media-")));

const png = (color: string) => sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer();

beforeAll(async () => {
  converter = createHtmlConverter();
  site = await startFileServer({
    "/wp-content/uploads/2019/03/semis.png": serveBytes(await png("#2f7d32"), "image/png"),
    "/wp-content/uploads/2019/03/couverture.png": serveBytes(await png("#c0392b"), "image/png"),
    "/detour": redirectTo("/wp-content/uploads/2019/03/semis.png"),
    "/vers-fichier": redirectTo("file:///etc/passwd"),
    "/pas-une-image.png": serveBytes(new TextEncoder().encode("<html>non</html>"), "image/png"),
  });
  await converter.toText("<p>prêt</p>");
}, 60_000);
afterAll(async () => {
  await converter.close();
  await site.close();
});

describe("images of an import", () => {
  it("are brought into the blog's media, the posts pointing at them, and a missing one is reported by name with its link kept", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const path = fixtureFile("wordpress.xml", site.origin);
    const localizeImage = createImageLocalizer({ blogId: blog.id, userId }, { allowPrivate: true, storage, retryDelayMs: 1 });
    const run = await importXmlFile({ blogId: blog.id, userId, converter, localizeImage }, path, await surveyXmlFile(path));
    const [post] = await db.select().from(posts).where(eq(posts.blogId, blog.id)).orderBy(asc(posts.id));
    const stored = await db.select().from(media).where(eq(media.blogId, blog.id)).orderBy(asc(media.id));
    expect(stored).toHaveLength(2);
    expect(post?.bodyMarkdown).toContain(`![Les semis en godets](/medias/${stored[0]?.storageKey})`);
    expect(post?.bodyHtml).toContain(`src="/medias/${stored[0]?.storageKey}"`);
    expect(post?.coverMediaId).toBe(stored[1]?.id);
    expect(await storage.get(stored[0]!.storageKey)).not.toBeNull();
    expect(post?.bodyMarkdown).toContain(`![Photo perdue](${site.origin}/wp-content/uploads/2019/03/introuvable.jpg)`);
    expect(run.problems).toContainEqual({ key: "import.problems.image.status", values: { name: "introuvable.jpg", status: 404 } });
  });

  it("are fetched once per blog, even when imported again", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const localizeImage = createImageLocalizer({ blogId: blog.id, userId }, { allowPrivate: true, storage });
    const address = `${site.origin}/detour`;
    const first = await localizeImage(address);
    const before = site.requests.length;
    const again = await createImageLocalizer({ blogId: blog.id, userId }, { allowPrivate: true, storage })(address);
    expect(first.ok && again.ok && first.mediaId === again.mediaId).toBe(true);
    expect(site.requests.length).toBe(before);
  });

  it("refuses a file that is not an image", async () => {
    const userId = await makeUser();
    const blog = await makeBlog(userId);
    const result = await createImageLocalizer({ blogId: blog.id, userId }, { allowPrivate: true, storage })(`${site.origin}/pas-une-image.png`);
    expect(result).toEqual({ ok: false, problem: { key: "import.problems.image.unreadable", values: { name: "pas-une-image.png" } } });
  });
});

describe("fetches of an import", () => {
  it("know public addresses from loopback, private, link-local and reserved ones", () => {
    expect(isPublicAddress("93.184.215.14")).toBe(true);
    expect(isPublicAddress("2a00:1450:4007:80c::200e")).toBe(true);
    for (const address of ["127.0.0.1", "10.0.0.8", "192.168.1.1", "172.16.3.4", "169.254.169.254", "::1", "fe80::1", "fd12::1", "::ffff:10.0.0.1", "0.0.0.0", "100.64.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("refuse the server's own network, by address and by name, unless the operator allows it", async () => {
    const port = new URL(site.origin).port;
    for (const address of [`http://127.0.0.1:${port}/detour`, `http://localhost:${port}/detour`, `http://[::1]:${port}/`, "http://169.254.169.254/latest/meta-data/"]) {
      const result = await safeFetch(address, { maxBytes: 1000, allowPrivate: false });
      expect(result.ok ? "fetched" : result.problem, address).toBe("blocked");
    }
    expect((await safeFetch(`${site.origin}/detour`, { maxBytes: 1_000_000, allowPrivate: true })).ok).toBe(true);
  });

  it("follow redirects by hand and refuse one to another scheme", async () => {
    expect(await safeFetch(`${site.origin}/vers-fichier`, { maxBytes: 1000, allowPrivate: true })).toEqual({ ok: false, problem: "blocked" });
  });

  it("stop reading past their size limit", async () => {
    expect(await safeFetch(`${site.origin}/detour`, { maxBytes: 10, allowPrivate: true })).toEqual({ ok: false, problem: "tooLarge" });
  });
});
