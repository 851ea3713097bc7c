import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { blogRoute } from "@/lib/actions/route";
import { MAX_IMPORT_UPLOAD_BYTES } from "@/lib/import/limits";
import { createImportJob, hasActiveImport, newImportFilePath } from "@/lib/import/jobs";

// The import form is a plain multipart post (it works without JavaScript), answered with a redirect to
// the « Importer » page, which shows the job's progress. The file is kept under IMPORT_DIR until its
// import is over; the work itself is done by the server's import worker.

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });
const importPage = (slug: string) => `/admin/${slug}/importer`;

export const POST = blogRoute<true>({
  permission: "blog.import",
  page: importPage,
  rateLimit: { name: "import-upload", limit: 10, windowMs: 60 * 60_000, refused: (slug) => seeOther(`${importPage(slug)}?erreur=busy`) },
  form: { maxBytes: MAX_IMPORT_UPLOAD_BYTES + 64 * 1024 },
  run: async ({ user, member, form }) => {
    const back = (query: string) => ({ response: seeOther(`${importPage(member.slug)}?${query}`) });
    if (!form.ok) return back(`erreur=${form.problem}`);
    const file = form.form.get("fichier");
    if (!(file instanceof File) || file.size === 0) return back("erreur=empty");
    if (await hasActiveImport(member.id)) return back("erreur=busy");
    const path = await newImportFilePath();
    await pipeline(Readable.fromWeb(file.stream() as never), createWriteStream(path));
    await createImportJob({ blogId: member.id, userId: user.id, kind: "wxr", source: path, label: file.name.slice(0, 200) || "import.xml" });
    return back("envoye=1");
  },
});
