import { describe, expect, it } from "vitest";
import { isPostFromPlatform, readUploadForm } from "@/lib/media/upload-request";

function multipart(fileBytes: Uint8Array<ArrayBuffer>, alt = "Une photo") {
  const form = new FormData();
  form.set("alt", alt);
  form.set("fichier", new File([fileBytes], "photo.png", { type: "image/png" }));
  return new Request("https://carnet.test/admin/x/medias/envoi", { method: "POST", body: form });
}

describe("reading an upload request", () => {
  it("reads the file and the alt text of a normal upload", async () => {
    const result = await readUploadForm(multipart(new Uint8Array([1, 2, 3])));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.get("alt")).toBe("Une photo");
    const file = result.form.get("fichier");
    expect(file instanceof File && file.size).toBe(3);
  });

  // A multipart body whose alt text comes first, then a file that never ends; counts what was pulled.
  function endlessUpload(alt: string, headers: Record<string, string> = {}) {
    const head = Buffer.from(
      `--limite\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n` +
        `--limite\r\nContent-Disposition: form-data; name="fichier"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const pulled = { bytes: 0 };
    let first = true;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const chunk = first ? new Uint8Array(head) : new Uint8Array(4096).fill(0xff);
          first = false;
          pulled.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("https://carnet.test/", {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=limite", ...headers },
      duplex: "half",
    } as RequestInit);
    return { request, pulled };
  }

  it("refuses a declared length over the limit after reading only the text before the file", async () => {
    const { request, pulled } = endlessUpload("Le scan du diplôme", { "content-length": "999999999" });
    expect(await readUploadForm(request, 100_000)).toEqual({ ok: false, problem: "tooLarge", leadingFields: { alt: "Le scan du diplôme" } });
    expect(pulled.bytes).toBeLessThan(16 * 1024 + 4096 * 2);
  });

  it("stops reading a body without a declared length as soon as it passes the limit", async () => {
    const { request, pulled } = endlessUpload("Une photo très lourde");
    expect(await readUploadForm(request, 40_000)).toEqual({ ok: false, problem: "tooLarge", leadingFields: { alt: "Une photo très lourde" } });
    expect(pulled.bytes).toBeLessThan(40_000 + 4096 * 2);
  });

  it("calls a body that is not a form unreadable", async () => {
    const request = new Request("https://carnet.test/", { method: "POST", body: "fichier=photo.png", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(await readUploadForm(request)).toEqual({ ok: false, problem: "unreadable" });
  });
});

describe("where an upload comes from", () => {
  it("accepts a post from the platform's own pages only", () => {
    const from = (origin?: string) => new Request("https://carnet.test/admin/x/medias/envoi", { method: "POST", headers: origin ? { origin } : {} });
    expect(isPostFromPlatform(from("https://carnet.test"))).toBe(true);
    expect(isPostFromPlatform(from("https://pirate.example"))).toBe(false);
    expect(isPostFromPlatform(from("https://formation-continue.carnet.test"))).toBe(false);
    expect(isPostFromPlatform(from("null"))).toBe(false);
    expect(isPostFromPlatform(from())).toBe(false);
  });
});
