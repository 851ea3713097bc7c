import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { POST_SLUG_PATTERN } from "@/lib/posts/slug";

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "date ISO 8601 attendue");

const frontMatterSchema = z.object({
  title: z.string().min(1),
  slug: z.string().regex(POST_SLUG_PATTERN),
  date: isoDate,
  category: z.string().min(1),
  tags: z.array(z.string().min(1)).default([]),
  excerpt: z.string().min(1),
  comments: z
    .array(z.object({ author: z.string().min(1), email: z.email(), date: isoDate, body: z.string().min(1) }))
    .default([]),
});

export type DemoPost = z.infer<typeof frontMatterSchema> & { body: string };

/** Reads the Markdown posts (with front matter) of a demo blog under content/demo/<blog>/. */
export async function readDemoPosts(directory: string): Promise<DemoPost[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (name) => {
      const { data, content } = matter(await readFile(join(directory, name), "utf8"));
      const parsed = frontMatterSchema.safeParse(data);
      if (!parsed.success) throw new Error(`${name} : en-tête invalide — ${z.prettifyError(parsed.error)}`);
      return { ...parsed.data, body: content.trim() };
    }),
  );
}
