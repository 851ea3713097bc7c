import { Readable } from "node:stream";
import { ZipFile } from "yazl";

// Entries waiting in the zip's queue at most: the next ones are read only when these are written.
const ENTRIES_AHEAD = 16;

/** A byte stream that runs `produce` only when the zip reaches its entry. */
function lazyStream(produce: () => AsyncIterable<string | Uint8Array>): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of produce()) yield Buffer.from(chunk);
    })(),
    { objectMode: false },
  );
}

export type StreamingZip = {
  /** The zip's bytes, as they are written. */
  output: Readable;
  /**
   * Adds an entry whose bytes are produced when the zip gets to it; resolves once few enough entries
   * wait, so that a producer adding thousands of entries holds only a handful in memory.
   */
  add: (name: string, produce: () => AsyncIterable<string | Uint8Array>, options?: { compress?: boolean }) => Promise<void>;
  end: () => void;
  /** Ends the download with an error (a failed read), never the server. */
  fail: (error: unknown) => void;
  /** Set when the reader went away: the producer stops reading. */
  aborted: AbortSignal;
};

export function streamingZip(mtime: Date): StreamingZip {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const controller = new AbortController();
  output.once("close", () => controller.abort());
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  const pending: Promise<void>[] = [];
  return {
    output,
    aborted: controller.signal,
    fail,
    end: () => zip.end(),
    async add(name, produce, options = {}) {
      const stream = lazyStream(produce);
      stream.once("error", fail);
      pending.push(
        new Promise<void>((resolve) => {
          stream.once("end", resolve);
          stream.once("close", resolve);
          controller.signal.addEventListener("abort", () => resolve(), { once: true });
        }),
      );
      zip.addReadStream(stream, name, { mtime, compress: options.compress ?? true });
      if (pending.length >= ENTRIES_AHEAD) await pending.shift();
    },
  };
}
