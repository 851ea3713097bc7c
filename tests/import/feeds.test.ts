import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { oldAddresses, posts } from "@/lib/db/schema";
import { createHtmlConverter, type HtmlConverter } from "@/lib/import/converter";
import { importXmlFile, surveyXmlFile } from "@/lib/import/run";
import { makeBlog, makeUser } from "../helpers/fixtures";
import { fixtureFile } from "./helpers";

let converter: HtmlConverter;
beforeAll(async () => {
  converter = createHtmlConverter();
  await converter.toText("<p>prêt</p>");
}, 60_000);
afterAll(async () => {
  await converter.close();
});

async function importFeed(name: string) {
  const userId = await makeUser();
  const blog = await makeBlog(userId);
  const path = fixtureFile(name);
  const summary = await surveyXmlFile(path);
  await importXmlFile({ blogId: blog.id, userId, converter }, path, summary);
  return { summary, rows: await db.select().from(posts).where(eq(posts.blogId, blog.id)).orderBy(asc(posts.id)) };
}

describe("feed import", () => {
  it("imports what an RSS feed holds, its full content rather than its summary, with the link as old address", async () => {
    const { summary, rows } = await importFeed("flux.rss");
    expect(summary.format).toBe("rss");
    expect(rows.map((row) => [row.title, row.slug, row.status, row.publishedAt])).toEqual([
      ["Fête de la crêpe : le programme", "fete-de-la-crepe", "published", Date.UTC(2024, 4, 18, 14, 0)],
      ["Les marées d'équinoxe", "marees", "published", Date.UTC(2024, 2, 20, 6, 45)],
    ]);
    expect(rows[0]?.bodyMarkdown).toBe("Rendez-vous _place Saint-Corentin_ dès 10 h.\n\n- Concours de galettes\n- Bal folk");
    expect(rows[1]?.bodyMarkdown).toBe("Coefficient 118 : attention aux voitures garées sur la grève.");
    const [address] = await db.select({ path: oldAddresses.path }).from(oldAddresses).where(eq(oldAddresses.postId, rows[0]!.id));
    expect(address?.path).toBe("/2024/05/fete-de-la-crepe.html");
  });

  it("imports an Atom feed's entries with their publication date and category", async () => {
    const { summary, rows } = await importFeed("flux.atom");
    expect(summary.format).toBe("atom");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: "« Les Misérables », relu à trente ans", slug: "les-miserables", publishedAt: Date.UTC(2025, 0, 12, 10, 0) });
    expect(rows[0]?.bodyMarkdown).toBe("Jean Valjean m'émeut **davantage** qu'à quinze ans.");
    expect(rows[0]?.categoryId).not.toBeNull();
  });
});
