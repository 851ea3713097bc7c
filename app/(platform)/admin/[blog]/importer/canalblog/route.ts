import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { blogRoute } from "@/lib/actions/route";
import { canalblogAddress } from "@/lib/import/canalblog";
import { createImportJob, hasActiveImport, newImportFilePath } from "@/lib/import/jobs";
import { MAX_IMPORT_UPLOAD_BYTES } from "@/lib/import/limits";

// « Depuis Canalblog »: the blog's address (its pages are read by the import worker), or a zip of its
// saved pages. A plain multipart post answered with a redirect to the « Importer » page; on a mistake the
// address typed comes back in the form.

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
const importPage = (slug: string) => `/admin/${slug}/importer`;
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export const POST = blogRoute<true>({
  permission: "blog.import",
  page: importPage,
  rateLimit: { name: "import-upload", limit: 10, windowMs: 60 * 60_000, refused: (slug) => seeOther(`${importPage(slug)}?canalblog=busy#canalblog`) },
  form: { maxBytes: MAX_IMPORT_UPLOAD_BYTES + 64 * 1024 },
  run: async ({ user, member, form }) => {
    const typed = form.ok ? String(form.form.get("adresse") ?? "").slice(0, 500) : "";
    const back = (problem: string) => ({
      response: seeOther(`${importPage(member.slug)}?canalblog=${problem}${typed ? `&adresse=${encodeURIComponent(typed)}` : ""}#canalblog`),
    });
    if (!form.ok) return back(form.problem === "tooLarge" ? "tooLarge" : "missing");
    const file = form.form.get("copie");
    const hasFile = file instanceof File && file.size > 0;
    if (!typed.trim() && !hasFile) return back("missing");
    if (await hasActiveImport(member.id)) return back("busy");
    if (hasFile) {
      const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      if (!ZIP_SIGNATURE.every((byte, index) => head[index] === byte)) return back("notZip");
      const path = await newImportFilePath("zip");
      await pipeline(Readable.fromWeb(file.stream() as never), createWriteStream(path));
      await createImportJob({ blogId: member.id, userId: user.id, kind: "canalblog", source: path, label: file.name.slice(0, 200) || "canalblog.zip" });
      return { response: seeOther(`${importPage(member.slug)}?envoye=1`) };
    }
    const address = canalblogAddress(typed);
    if (!address) return back("badAddress");
    await createImportJob({ blogId: member.id, userId: user.id, kind: "canalblog", source: address, label: address.slice(0, 200) });
    return { response: seeOther(`${importPage(member.slug)}?envoye=1`) };
  },
});
