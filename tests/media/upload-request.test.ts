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

  it("refuses a declared length over the limit without reading the body", async () => {
    let pulled = false;
    const body = new ReadableStream(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("https://carnet.test/", {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "999999999" },
      duplex: "half",
    } as RequestInit);
    expect(await readUploadForm(request, 1000)).toEqual({ ok: false, problem: "tooLarge" });
    expect(pulled).toBe(false);
  });

  it("stops reading a body without a declared length as soon as it passes the limit", async () => {
    let chunksSent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksSent += 1;
        controller.enqueue(new Uint8Array(400));
      },
    });
    const request = new Request("https://carnet.test/", {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as RequestInit);
    expect(await readUploadForm(request, 1000)).toEqual({ ok: false, problem: "tooLarge" });
    expect(chunksSent).toBeLessThan(6);
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
