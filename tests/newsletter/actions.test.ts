import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { subscribers } from "@/lib/db/schema";
import {
  confirmSubscriptionAction,
  importSubscribersAction,
  removeSubscriberFormAction,
  subscribeToNewsletter,
  unsubscribeAction,
} from "@/lib/newsletter/actions";
import { confirmationToken, unsubscribeToken } from "@/lib/newsletter/tokens";
import { asUser, formOf, makeSignedInTeam, redirectOf, takeRevalidated, type TestTeam } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

// The newsletter's actions called as the browser calls them: readers (no session) sign up, confirm and
// leave with the mailed token as their only proof; the owner manages the subscribers; an author, a
// stranger and someone signed out are refused.

let team: TestTeam;
beforeAll(async () => {
  team = await makeSignedInTeam();
});

const reader = (address: string) => asUser(null, { "x-carnet-client": address });
const subscriberOf = async (blogId: number, email: string) =>
  (await db.select({ id: subscribers.id, status: subscribers.status }).from(subscribers).where(and(eq(subscribers.blogId, blogId), eq(subscribers.email, email))))[0];

function csvForm(blogId: number, csv: string, fields: Record<string, string> = {}): FormData {
  const form = formOf({ blogId: String(blogId), consentement: "oui", ...fields });
  form.append("fichier", new File([csv], "abonnes.csv", { type: "text/csv" }));
  return form;
}

describe("a reader's signup, confirmation and unsubscription", () => {
  it("sign up, confirm with the mailed token, then leave with the other one", async () => {
    reader("198.51.100.20");
    expect(await subscribeToNewsletter(null, formOf({ blogId: String(team.blog.id), email: "Lucie@Example.org" }))).toMatchObject({ ok: true, message: expect.stringContaining("Merci !") });
    const pending = await subscriberOf(team.blog.id, "lucie@example.org");
    expect(pending?.status).toBe("pending");
    takeRevalidated();
    expect(await confirmSubscriptionAction(null, formOf({ blogId: String(team.blog.id), jeton: confirmationToken(pending!.id, Date.now()) }))).toMatchObject({ ok: true, message: expect.stringContaining("confirmé") });
    expect(takeRevalidated().tags).toEqual([`blog-subscribers:${team.blog.id}`]);
    expect(await unsubscribeAction(null, formOf({ blogId: String(team.blog.id), jeton: unsubscribeToken(pending!.id) }))).toMatchObject({ ok: true });
    expect((await subscriberOf(team.blog.id, "lucie@example.org"))?.status).toBe("unsubscribed");
  });

  it("answers forged blog ids, forged tokens and a bad address with a message, never an error", async () => {
    reader("198.51.100.21");
    for (const blogId of ["0", "999999", "abc", "1e400"]) {
      expect(await subscribeToNewsletter(null, formOf({ blogId, email: "faux@example.org" }))).toMatchObject({ ok: false, error: "Ce blog n'existe plus.", values: { email: "faux@example.org" } });
    }
    expect(await subscribeToNewsletter(null, formOf({ blogId: String(team.blog.id), email: "pas une adresse" }))).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
    for (const jeton of ["", "123.abc", "x".repeat(400)]) {
      expect(await confirmSubscriptionAction(null, formOf({ blogId: String(team.blog.id), jeton }))).toMatchObject({ ok: false, error: expect.stringContaining("pas valide") });
      expect(await unsubscribeAction(null, formOf({ blogId: String(team.blog.id), jeton }))).toMatchObject({ ok: false, error: "Ce lien de désinscription n'est pas valide." });
    }
    expect(await subscriberOf(team.blog.id, "faux@example.org")).toBeUndefined();
  });

  it("stops one client after ten signups an hour, whatever the blog", async () => {
    reader("198.51.100.22");
    for (let index = 0; index < 10; index += 1) {
      expect(await subscribeToNewsletter(null, formOf({ blogId: String(team.blog.id), email: `rafale-${index}@example.org` }))).toMatchObject({ ok: true });
    }
    expect(await subscribeToNewsletter(null, formOf({ blogId: String(team.strangersBlog.id), email: "rafale-10@example.org" }))).toMatchObject({ ok: false, code: "rate-limited" });
  });
});

describe("the owner's subscribers page", () => {
  it("lets the owner import a CSV and remove a subscriber", async () => {
    asUser(team.owner);
    expect(await importSubscribersAction(null, csvForm(team.blog.id, "email\nanne@example.org\nbenoit@example.org\n"))).toMatchObject({ ok: true });
    const anne = await subscriberOf(team.blog.id, "anne@example.org");
    expect(anne?.status).toBe("pending");
    expect(await redirectOf(removeSubscriberFormAction(formOf({ blogId: String(team.blog.id), subscriberId: String(anne!.id) })))).toBe(`/admin/${team.blog.slug}/abonnes?retire=1`);
    expect(await subscriberOf(team.blog.id, "anne@example.org")).toBeUndefined();
  });

  it("refuses an author, a stranger, someone signed out and forged ids, and changes nothing", async () => {
    asUser(team.owner);
    await importSubscribersAction(null, csvForm(team.blog.id, "claude@example.org\n"));
    const claude = await subscriberOf(team.blog.id, "claude@example.org");
    const remove = (blogId: number) => removeSubscriberFormAction(formOf({ blogId: String(blogId), subscriberId: String(claude!.id) }));
    asUser(team.author);
    expect(await importSubscribersAction(null, csvForm(team.blog.id, "intrus@example.org\n"))).toMatchObject({ ok: false, code: "forbidden", error: "Seul le propriétaire du blog peut importer des abonnés." });
    expect(await redirectOf(remove(team.blog.id))).toBe("/admin");
    asUser(team.stranger);
    expect(await importSubscribersAction(null, csvForm(team.blog.id, "intrus@example.org\n"))).toMatchObject({ ok: false, code: "not-member" });
    expect(await redirectOf(remove(team.blog.id))).toBe("/admin");
    // Their own blog named, the victim's subscriber id sent: nothing of the victim's blog matches.
    expect(await redirectOf(remove(team.strangersBlog.id))).toBe(`/admin/${team.strangersBlog.slug}/abonnes?retire=1`);
    asUser(null);
    expect(await importSubscribersAction(null, csvForm(team.blog.id, "intrus@example.org\n"))).toMatchObject({ ok: false, code: "session" });
    expect(await redirectOf(remove(team.blog.id))).toBe("/connexion?retour=%2Fadmin&session=expiree");
    expect((await subscriberOf(team.blog.id, "claude@example.org"))?.id).toBe(claude!.id);
    expect(await subscriberOf(team.blog.id, "intrus@example.org")).toBeUndefined();
  });

  it("refuses an oversized file before reading it", async () => {
    asUser(team.owner);
    expect(await importSubscribersAction(null, csvForm(team.blog.id, "a@example.org\n".repeat(60_000)))).toMatchObject({ ok: false, code: "too-large" });
  });
});
