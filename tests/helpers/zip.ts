// Reading a zip the way an unzipping tool does (yauzl), to check what an export holds.
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import yauzl from "yauzl";

export type ZipEntries = Map<string, { bytes: Buffer; compressed: boolean }>;

export async function readZip(bytes: Buffer): Promise<ZipEntries> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries: ZipEntries = new Map();
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        buffer(stream)
          .then((content) => {
            entries.set(entry.fileName, { bytes: content, compressed: entry.compressionMethod !== 0 });
            zip.readEntry();
          })
          .catch(reject);
      });
    });
    zip.readEntry();
  });
  return entries;
}

export async function readZipStream(stream: Readable): Promise<ZipEntries> {
  return readZip(await buffer(stream));
}
