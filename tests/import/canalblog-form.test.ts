import { readFileSync } from "node:fs";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/(platform)/admin/[blog]/importer/canalblog/route";
import { db } from "@/lib/db";
import { importJobs } from "@/lib/db/schema";
import { canalblogAddress } from "@/lib/import/canalblog";
import { removeImportFile } from "@/lib/import/jobs";
import { asUser, makeSignedInTeam, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

// « Depuis Canalblog » on the « Importer » page: a plain multipart form posted to its route handler.

const ORIGIN = `${process.env.PUBLIC_PROTOCOL ?? "https"}://${process.env.ROOT_DOMAIN ?? "carnet.test"}`;
let team: TestTeam;

beforeAll(async () => {
  team = await makeSignedInTeam();
});
// The copy uploaded waits in IMPORT_DIR for a worker that never comes here.
afterAll(async () => {
  for (const job of await db.select({ source: importJobs.source, kind: importJobs.kind }).from(importJobs)) await removeImportFile(job);
});

function post(slug: string, fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return POST(new Request(`${ORIGIN}/admin/${slug}/importer/canalblog`, { method: "POST", headers: { origin: ORIGIN }, body }), { params: Promise.resolve({ blog: slug }) });
}

const latestJob = async (blogId: number) => (await db.select().from(importJobs).where(eq(importJobs.blogId, blogId)).orderBy(desc(importJobs.id)).limit(1))[0];

describe("« Depuis Canalblog »", () => {
  it("takes a blog's address as typed and queues its import", async () => {
    asUser(team.owner);
    const answer = await post(team.blog.slug, { adresse: "  monpotager.canalblog.com " });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/admin/${team.blog.slug}/importer?envoye=1`);
    expect(await latestJob(team.blog.id)).toMatchObject({ kind: "canalblog", source: "https://monpotager.canalblog.com/", status: "queued" });
    await db.update(importJobs).set({ status: "done" }).where(eq(importJobs.blogId, team.blog.id));
  });

  it("sends back what was typed with a clear message when it is not an address", async () => {
    asUser(team.owner);
    const answer = await post(team.blog.slug, { adresse: "mon potager" });
    expect(answer.headers.get("location")).toBe(`/admin/${team.blog.slug}/importer?canalblog=badAddress&adresse=mon%20potager#canalblog`);
    expect(await post(team.blog.slug, { adresse: "" }).then((response) => response.headers.get("location"))).toContain("canalblog=missing");
  });

  it("takes a zip of saved pages, and refuses a file that is not one", async () => {
    asUser(team.owner);
    const zip = readFileSync(new URL("../../node_modules/yauzl/package.json", import.meta.url));
    const refused = await post(team.blog.slug, { adresse: "", copie: new File([zip], "copie.zip", { type: "application/zip" }) });
    expect(refused.headers.get("location")).toContain("canalblog=notZip");
    const real = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])], "mon-blog.zip", { type: "application/zip" });
    const answer = await post(team.blog.slug, { adresse: "", copie: real });
    expect(answer.headers.get("location")).toBe(`/admin/${team.blog.slug}/importer?envoye=1`);
    const job = await latestJob(team.blog.id);
    expect(job).toMatchObject({ kind: "canalblog", label: "mon-blog.zip", status: "queued" });
    expect(job?.source).toMatch(/\.zip$/);
    expect(readFileSync(job!.source).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it("waits for an import under way, and is refused to an author and to a stranger", async () => {
    asUser(team.owner);
    expect(await post(team.blog.slug, { adresse: "autre.canalblog.com" }).then((response) => response.headers.get("location"))).toContain("canalblog=busy");
    asUser(team.author);
    expect((await post(team.blog.slug, { adresse: "autre.canalblog.com" })).status).toBe(403);
    asUser(team.stranger);
    expect((await post(team.blog.slug, { adresse: "autre.canalblog.com" })).status).toBe(403);
    expect(await db.$count(importJobs, and(eq(importJobs.blogId, team.blog.id), eq(importJobs.label, "https://autre.canalblog.com/")))).toBe(0);
  });
});

describe("a Canalblog address as a blogger types it", () => {
  it("gets its https:// and keeps only web addresses", () => {
    expect(canalblogAddress("monblog.canalblog.com")).toBe("https://monblog.canalblog.com/");
    expect(canalblogAddress("http://www.monblog.fr/")).toBe("http://www.monblog.fr/");
    expect(canalblogAddress("ftp://monblog.canalblog.com")).toBeNull();
    expect(canalblogAddress("javascript:alert(1)")).toBeNull();
    expect(canalblogAddress("https://moi:secret@monblog.canalblog.com")).toBeNull();
    expect(canalblogAddress("localhost")).toBeNull();
  });
});
