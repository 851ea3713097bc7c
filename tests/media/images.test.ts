import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_DISPLAY_WIDTH, MAX_UPLOAD_BYTES, prepareImage, sniffImageFormat, storageKeyFor } from "@/lib/media/images";

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#2a6f97" } });

describe("recognising an upload from its bytes", () => {
  it("names JPEG, PNG, WebP and GIF from their content", async () => {
    expect(sniffImageFormat(await solid(4, 4).jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageFormat(await solid(4, 4).png().toBuffer())).toBe("png");
    expect(sniffImageFormat(await solid(4, 4).webp().toBuffer())).toBe("webp");
    expect(sniffImageFormat(await solid(4, 4).gif().toBuffer())).toBe("gif");
  });

  it("recognises SVG, with or without an XML prologue, to refuse it", () => {
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe("svg");
    expect(sniffImageFormat(Buffer.from('\ufeff<?xml version="1.0"?>\n<!-- dessin -->\n<!DOCTYPE svg>\n<svg>'))).toBe("svg");
  });

  it("recognises SVG after processing instructions, comments and a doctype in any order", () => {
    const prolog = '<?xml version="1.0"?><?xml-stylesheet href="a.css"?>\n<!-- un -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<!-- deux -->\n';
    expect(sniffImageFormat(Buffer.from(`${prolog}<svg width="10"/>`))).toBe("svg");
    expect(sniffImageFormat(Buffer.from(`${prolog}<svg/>`))).toBe("svg");
    expect(sniffImageFormat(Buffer.from(`${prolog}<svgx>`))).toBeNull();
    expect(sniffImageFormat(Buffer.from("<!-- jamais fermé <svg>"))).toBeNull();
  });

  it("answers at once on thousands of empty comments, which once took hours", async () => {
    const started = performance.now();
    const comments = "<!---->".repeat(10_000);
    expect(sniffImageFormat(Buffer.from(comments))).toBeNull();
    expect(sniffImageFormat(Buffer.from(`${comments}x`))).toBeNull();
    expect(sniffImageFormat(Buffer.from(`${"<!---->".repeat(500)}<svg>`))).toBe("svg");
    // Past the first 4 KB nothing is read: an <svg> after them is not looked for.
    expect(sniffImageFormat(Buffer.from(`${comments}<svg>`))).toBeNull();
    expect(await prepareImage(Buffer.from("<!---->".repeat(40)))).toEqual({ ok: false, problem: "unsupportedType" });
    expect(await prepareImage(Buffer.from(`${"<!---->".repeat(40)}<svg>`))).toEqual({ ok: false, problem: "svg" });
    // A generous bound: the former regular expression needed hours for the 280 bytes above.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("knows nothing of other files, whatever they claim to be", () => {
    expect(sniffImageFormat(Buffer.from("%PDF-1.7 pas une image"))).toBeNull();
    expect(sniffImageFormat(Buffer.from("<html><body>photo.png</body></html>"))).toBeNull();
    expect(sniffImageFormat(new Uint8Array())).toBeNull();
  });
});

describe("preparing an image for the blog", () => {
  it("keeps a small PNG as PNG, with its dimensions", async () => {
    const result = await prepareImage(await solid(320, 200).png().toBuffer());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.mimeType).toBe("image/png");
    expect(result.image.extension).toBe("png");
    expect([result.image.width, result.image.height]).toEqual([320, 200]);
  });

  it("scales a wide photo down to the display width, as WebP", async () => {
    const result = await prepareImage(await solid(4000, 3000).jpeg().toBuffer());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.mimeType).toBe("image/webp");
    expect([result.image.width, result.image.height]).toEqual([MAX_DISPLAY_WIDTH, 1200]);
    const written = await sharp(result.image.bytes).metadata();
    expect([written.format, written.width]).toEqual(["webp", MAX_DISPLAY_WIDTH]);
  });

  it("removes the camera's metadata (here a GPS position) and turns the photo the right way up", async () => {
    const photo = await solid(300, 100)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: "Appareil" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .toBuffer();
    const original = await sharp(photo).metadata();
    expect(original.orientation).toBe(6);
    expect(original.exif?.toString("latin1")).toContain("Appareil");
    const result = await prepareImage(photo);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const written = await sharp(result.image.bytes).metadata();
    expect(written.exif).toBeUndefined();
    expect(written.orientation).toBeUndefined();
    // Orientation 6 means "turn a quarter": the stored image is upright, so taller than wide.
    expect([result.image.width, result.image.height]).toEqual([100, 300]);
  });

  it("refuses a file over the size limit without decoding it", async () => {
    const oversized = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    oversized.set(await solid(4, 4).png().toBuffer());
    expect(await prepareImage(oversized)).toEqual({ ok: false, problem: "tooLarge" });
  });

  it("refuses SVG, unknown files, empty files and damaged images, each with its reason", async () => {
    expect(await prepareImage(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toEqual({ ok: false, problem: "svg" });
    expect(await prepareImage(Buffer.from("GIF? non, du texte"))).toEqual({ ok: false, problem: "unsupportedType" });
    expect(await prepareImage(new Uint8Array())).toEqual({ ok: false, problem: "empty" });
    const png = await solid(200, 200).png().toBuffer();
    expect(await prepareImage(png.subarray(0, 40))).toEqual({ ok: false, problem: "unreadable" });
  });

  it("refuses an image whose few bytes would decode to an enormous picture", async () => {
    const bomb = await solid(10_000, 10_000).png().toBuffer();
    expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await prepareImage(bomb)).toEqual({ ok: false, problem: "tooManyPixels" });
  });
});

describe("storage keys", () => {
  it("are the same for the same bytes of the same blog, and differ between blogs", () => {
    const image = { bytes: Buffer.from("octets"), extension: "png" as const };
    expect(storageKeyFor(1, image)).toBe(storageKeyFor(1, image));
    expect(storageKeyFor(1, image)).not.toBe(storageKeyFor(2, image));
    expect(storageKeyFor(1, image)).toMatch(/^[a-f0-9]{32}\.png$/);
  });
});
