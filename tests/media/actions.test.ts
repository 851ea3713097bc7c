import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as uploadRoute } from "@/app/(platform)/admin/[blog]/medias/envoi/route";
import { db } from "@/lib/db";
import { media } from "@/lib/db/schema";
import { deleteMediaAction, updateMediaAltAction } from "@/lib/media/actions";
import { asUser, formOf, makeSignedInTeam, redirectOf, type TestTeam } from "../helpers/next-request";

vi.hoisted(() => {
  process.env.MEDIA_DIR = `${process.env.TMPDIR ?? "/tmp"}/carnet-media-actions-${process.pid}`;
});
vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

// The media library as the browser uses it: the upload route and the two actions, through the guard.

let team: TestTeam;
beforeAll(async () => {
  team = await makeSignedInTeam();
});

const png = (colour: string) => sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).png().toBuffer();

function uploadRequest(slug: string, file: Blob, alt = "Une image", headers: Record<string, string> = { origin: "https://carnet.test" }) {
  const form = new FormData();
  form.append("alt", alt);
  form.append("fichier", file, "image.png");
  return uploadRoute(new Request(`https://carnet.test/admin/${slug}/medias/envoi`, { method: "POST", body: form, headers }), { params: Promise.resolve({ blog: slug }) });
}

const altOf = async (mediaId: number) => (await db.select({ alt: media.alt }).from(media).where(eq(media.id, mediaId)))[0]?.alt;

async function uploadedBy(account: TestTeam["owner"], colour: string): Promise<number> {
  asUser(account);
  const answer = await uploadRequest(team.blog.slug, new Blob([new Uint8Array(await png(colour))], { type: "image/png" }));
  const id = /envoye=(\d+)/.exec(answer.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`upload refused: ${answer.status} ${answer.headers.get("location")}`);
  return Number(id);
}

describe("the upload route", () => {
  it("takes a member's image and leads back to the library", async () => {
    const id = await uploadedBy(team.author, "#aa3300");
    expect(await altOf(id)).toBe("Une image");
  });

  it("refuses a stranger, someone signed out and another site's form before reading the body", async () => {
    const image = new Blob([new Uint8Array(await png("#0033aa"))], { type: "image/png" });
    asUser(team.stranger);
    expect((await uploadRequest(team.blog.slug, image)).status).toBe(403);
    asUser(null);
    const signedOut = await uploadRequest(team.blog.slug, image);
    expect([signedOut.status, signedOut.headers.get("location")]).toEqual([303, `/connexion?retour=${encodeURIComponent(`/admin/${team.blog.slug}/medias`)}&session=expiree`]);
    asUser(team.owner);
    expect((await uploadRequest(team.blog.slug, image, "", { origin: "https://evil.example" })).status).toBe(403);
    expect((await uploadRequest("pas un blog!", image)).status).toBe(404);
  });

  it("answers an SVG of repeated comments with a message at once", async () => {
    asUser(team.owner);
    const started = performance.now();
    const answer = await uploadRequest(team.blog.slug, new Blob([`<svg${"<!---->".repeat(40)}`], { type: "image/svg+xml" }), "Piège");
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(/erreur=\w+&alt=Pi%C3%A8ge/);
  });
});

describe("the library's actions", () => {
  it("let an author describe and delete their own image, and the owner any image", async () => {
    const authors = await uploadedBy(team.author, "#11aa11");
    const owners = await uploadedBy(team.owner, "#1111aa");
    asUser(team.author);
    expect(await updateMediaAltAction(null, formOf({ blogId: String(team.blog.id), mediaId: String(authors), alt: "Un champ" }))).toMatchObject({ ok: true });
    expect(await updateMediaAltAction(null, formOf({ blogId: String(team.blog.id), mediaId: String(owners), alt: "Pris" }))).toMatchObject({ ok: false, code: "forbidden", values: { alt: "Pris" } });
    asUser(team.owner);
    expect(await redirectOf(deleteMediaAction(null, formOf({ blogId: String(team.blog.id), mediaId: String(authors) })))).toBe(`/admin/${team.blog.slug}/medias?supprime=1`);
    expect(await altOf(authors)).toBeUndefined();
    expect(await altOf(owners)).toBe("Une image");
  });

  it("refuse a stranger, someone signed out and forged ids, changing nothing", async () => {
    const image = await uploadedBy(team.owner, "#777777");
    asUser(team.stranger);
    const forms = (blogId: number) => [formOf({ blogId: String(blogId), mediaId: String(image), alt: "Piraté" }), formOf({ blogId: String(blogId), mediaId: String(image) })];
    for (const blogId of [team.blog.id, team.strangersBlog.id]) {
      const [alt, remove] = forms(blogId);
      expect(await updateMediaAltAction(null, alt!)).toMatchObject({ ok: false, error: "Cette image n'existe plus, ou vous ne pouvez pas la modifier." });
      expect(await deleteMediaAction(null, remove!)).toMatchObject({ ok: false });
    }
    asUser(null);
    expect(await updateMediaAltAction(null, forms(team.blog.id)[0]!)).toMatchObject({ ok: false, code: "session" });
    expect(await altOf(image)).toBe("Une image");
  });
});
