import { createReadStream } from "node:fs";
import { createBatchWriter, type ImportRun, type ImportTarget } from "./importer";
import { readXmlSource, type XmlSourceFormat } from "./xml-source";

// A file is read twice: a first pass checks the whole of it (a truncated or hostile file is refused
// before anything is written), counts its items and notes where WordPress attachments live; the second
// imports, batch by batch.

export const BATCH_SIZE = 25;

export type SourceSummary = { format: XmlSourceFormat; siteUrl: string | null; items: number; attachments: Map<string, string> };

const readFile = (path: string) => createReadStream(path, { highWaterMark: 64 * 1024 });

/** Checks and counts an XML source file; throws ImportSourceError when it cannot be imported. */
export async function surveyXmlFile(path: string): Promise<SourceSummary> {
  const summary: SourceSummary = { format: "rss", siteUrl: null, items: 0, attachments: new Map() };
  for await (const event of readXmlSource(readFile(path))) {
    if (event.type === "format") {
      summary.format = event.format;
      summary.siteUrl = event.siteUrl;
    } else {
      summary.items += 1;
      if (event.type === "attachment") summary.attachments.set(event.sourceId, event.url);
    }
  }
  return summary;
}

/**
 * Imports the items of an XML source file into a blog, skipping the `skip` first items (written by an
 * earlier run of the same job). `onBatch` hears of every batch written.
 */
export async function importXmlFile(
  target: ImportTarget,
  path: string,
  summary: SourceSummary,
  options: { skip?: number; onBatch?: (itemsDone: number) => Promise<void> | void } = {},
): Promise<ImportRun> {
  const skip = options.skip ?? 0;
  const writer = createBatchWriter({ ...target, addParagraphs: summary.format === "wxr" }, { skip, onBatch: options.onBatch });
  let seen = 0;
  for await (const event of readXmlSource(readFile(path), summary.attachments)) {
    if (event.type === "format") continue;
    seen += 1;
    if (seen <= skip) continue;
    if (event.type === "post") writer.add(event.post, event.truncated ? [{ key: "import.problems.truncatedField", values: { title: event.post.title } }] : []);
    else writer.add(null);
    const pending = writer.pending();
    if (pending.posts >= BATCH_SIZE || pending.handled >= BATCH_SIZE * 4) await writer.flush();
  }
  await writer.flush();
  return writer.run;
}
