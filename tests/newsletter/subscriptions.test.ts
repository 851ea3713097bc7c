import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, subscribers } from "@/lib/db/schema";
import { queueEmail } from "@/lib/mail/outbox";
import { importSubscribersAs, removeSubscriberAs } from "@/lib/newsletter/mutations";
import { POST_KIND } from "@/lib/newsletter/mails";
import { countConfirmedSubscribers } from "@/lib/newsletter/queries";
import {
  CONFIRMATION_INTERVAL_MS,
  confirmSubscription,
  requestSubscription,
  unsubscribeWithToken,
} from "@/lib/newsletter/subscriptions";
import { CONFIRMATION_VALID_MS, confirmationToken, unsubscribeToken } from "@/lib/newsletter/tokens";
import { addSubscribers, createBlog } from "../helpers/newsletter-fixtures";

type Fixture = Awaited<ReturnType<typeof createBlog>>;
let logged: string[] = [];

beforeAll(() => {
  // Without SMTP_URL (the unit tests' configuration), queued mail is printed to the server log.
  vi.spyOn(console, "info").mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
});
beforeEach(() => {
  logged = [];
});

const outboxFor = (to: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
const subscriberRow = async (blogId: number, email: string) =>
  (await db.select().from(subscribers).where(and(eq(subscribers.blogId, blogId), eq(subscribers.email, email))))[0];

/** The confirmation link's token, read from the queued mail as a person would read it. */
function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, "\\/")}\\?jeton=([^\\s]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in:\n${text}`);
  return match[1];
}

describe("signing up to a blog's newsletter", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = await createBlog();
  });

  it("stores the address as pending and queues a confirmation mail with a signed link; the count does not move yet", async () => {
    const before = await countConfirmedSubscribers(site.blog.id);
    expect(await requestSubscription({ blog: site.blog, email: "camille@exemple.fr", source: "form" })).toEqual({ mailed: true });
    const row = await subscriberRow(site.blog.id, "camille@exemple.fr");
    expect(row?.status).toBe("pending");
    expect(row?.source).toBe("form");
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before);
    const [mail] = await outboxFor("camille@exemple.fr");
    expect(mail?.kind).toBe("newsletter-confirm");
    expect(mail?.blogId).toBe(site.blog.id);
    expect(mail?.subject).toBe(`Confirmez votre abonnement à « ${site.blog.title} »`);
    expect(mail?.textBody).toContain(`https://${site.blog.slug}.carnet.test/newsletter/confirmer?jeton=`);
    expect(mail?.textBody).toContain("valable 7 jours");
    expect(mail?.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // The embedded default has no mail server: the link is in the server log.
    expect(logged.join("\n")).toContain(`/newsletter/confirmer?jeton=`);
  });

  it("confirms the address when its link is followed, and the count goes up by one", async () => {
    await requestSubscription({ blog: site.blog, email: "ines@exemple.fr", source: "form" });
    const before = await countConfirmedSubscribers(site.blog.id);
    const [mail] = await outboxFor("ines@exemple.fr");
    const token = tokenIn(mail?.textBody ?? "", "/newsletter/confirmer");
    expect(await confirmSubscription(token)).toEqual({ outcome: "confirmed", blogId: site.blog.id });
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before + 1);
    expect((await subscriberRow(site.blog.id, "ines@exemple.fr"))?.confirmedAt).not.toBeNull();
    // Following it again changes nothing.
    expect(await confirmSubscription(token)).toEqual({ outcome: "already", blogId: site.blog.id });
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before + 1);
  });

  it("refuses a forged, altered or expired confirmation link", async () => {
    await requestSubscription({ blog: site.blog, email: "oscar@exemple.fr", source: "form" });
    const row = await subscriberRow(site.blog.id, "oscar@exemple.fr");
    const issuedAt = row?.lastConfirmationSentAt ?? 0;
    const genuine = confirmationToken(row?.id ?? 0, issuedAt);
    const forged = genuine.replace(/^\d+/, String((row?.id ?? 0) + 1));
    expect(await confirmSubscription(forged)).toEqual({ outcome: "invalid" });
    expect(await confirmSubscription(`${genuine.slice(0, -1)}${genuine.endsWith("A") ? "B" : "A"}`)).toEqual({ outcome: "invalid" });
    expect(await confirmSubscription("n'importe quoi")).toEqual({ outcome: "invalid" });
    expect(await confirmSubscription(genuine, issuedAt + CONFIRMATION_VALID_MS + 1)).toEqual({ outcome: "expired" });
    expect((await subscriberRow(site.blog.id, "oscar@exemple.fr"))?.status).toBe("pending");
  });

  it("sends at most one confirmation mail per address and blog every 15 minutes", async () => {
    const t0 = Date.now();
    expect(await requestSubscription({ blog: site.blog, email: "boite@exemple.fr", source: "form" }, t0)).toEqual({ mailed: true });
    for (const later of [1_000, 60_000, CONFIRMATION_INTERVAL_MS - 1]) {
      expect(await requestSubscription({ blog: site.blog, email: "boite@exemple.fr", source: "form" }, t0 + later)).toEqual({ mailed: false });
    }
    expect(await outboxFor("boite@exemple.fr")).toHaveLength(1);
    expect(await requestSubscription({ blog: site.blog, email: "boite@exemple.fr", source: "form" }, t0 + CONFIRMATION_INTERVAL_MS)).toEqual({ mailed: true });
    expect(await outboxFor("boite@exemple.fr")).toHaveLength(2);
    // Another blog has its own allowance.
    const other = await createBlog();
    expect(await requestSubscription({ blog: other.blog, email: "boite@exemple.fr", source: "form" }, t0 + 1_000)).toEqual({ mailed: true });
  });

  it("mails nothing to an address that is already confirmed", async () => {
    const [confirmed] = await addSubscribers(site.blog.id, 1, "confirmed", "fidele");
    const before = await countConfirmedSubscribers(site.blog.id);
    expect(await requestSubscription({ blog: site.blog, email: confirmed?.email ?? "", source: "form" })).toEqual({ mailed: false });
    expect(await outboxFor(confirmed?.email ?? "")).toHaveLength(0);
    expect((await subscriberRow(site.blog.id, confirmed?.email ?? ""))?.status).toBe("confirmed");
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before);
  });

  it("lets an address that left sign up again, through a new confirmation", async () => {
    const [gone] = await addSubscribers(site.blog.id, 1, "unsubscribed", "revenant");
    const email = gone?.email ?? "";
    expect(await requestSubscription({ blog: site.blog, email, source: "form" })).toEqual({ mailed: true });
    expect((await subscriberRow(site.blog.id, email))?.status).toBe("pending");
    const [mail] = await outboxFor(email);
    expect(await confirmSubscription(tokenIn(mail?.textBody ?? "", "/newsletter/confirmer"))).toMatchObject({ outcome: "confirmed" });
  });
});

describe("leaving a blog's newsletter", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = await createBlog();
  });

  it("unsubscribes at once with the mail's link: the count drops and mail still queued for the address is withdrawn", async () => {
    const [reader] = await addSubscribers(site.blog.id, 1, "confirmed", "partante");
    if (!reader) throw new Error("no subscriber");
    await queueEmail(db, { key: `post:999:${reader.id}`, kind: POST_KIND, blogId: site.blog.id, to: reader.email, subject: "Un article", text: "…" });
    const before = await countConfirmedSubscribers(site.blog.id);
    expect(await unsubscribeWithToken(unsubscribeToken(reader.id))).toEqual({ outcome: "unsubscribed", blogId: site.blog.id });
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before - 1);
    const row = await subscriberRow(site.blog.id, reader.email);
    expect(row?.status).toBe("unsubscribed");
    expect(row?.unsubscribedAt).not.toBeNull();
    const [withdrawn] = await outboxFor(reader.email);
    expect(withdrawn?.status).toBe("failed");
    expect(withdrawn?.lastError).toBe("Désabonné avant l'envoi");
    expect(await unsubscribeWithToken(unsubscribeToken(reader.id))).toEqual({ outcome: "already", blogId: site.blog.id });
  });

  it("refuses an unsubscribe link that this server did not sign", async () => {
    const [reader] = await addSubscribers(site.blog.id, 1, "confirmed", "gardee");
    const forged = unsubscribeToken(reader?.id ?? 0).replace(/\.(.)/, (_, first: string) => `.${first === "A" ? "B" : "A"}`);
    expect(await unsubscribeWithToken(forged)).toEqual({ outcome: "invalid" });
    expect((await subscriberRow(site.blog.id, reader?.email ?? ""))?.status).toBe("confirmed");
  });

  it("makes a confirmation link sent before the unsubscription worthless", async () => {
    await requestSubscription({ blog: site.blog, email: "hesitant@exemple.fr", source: "form" });
    const [mail] = await outboxFor("hesitant@exemple.fr");
    const row = await subscriberRow(site.blog.id, "hesitant@exemple.fr");
    await unsubscribeWithToken(unsubscribeToken(row?.id ?? 0));
    expect(await confirmSubscription(tokenIn(mail?.textBody ?? "", "/newsletter/confirmer"))).toEqual({ outcome: "invalid" });
    expect((await subscriberRow(site.blog.id, "hesitant@exemple.fr"))?.status).toBe("unsubscribed");
  });
});

describe("the owner's administration of subscribers", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = await createBlog();
  });

  it("lets the owner remove a subscriber, and nobody else", async () => {
    const [reader] = await addSubscribers(site.blog.id, 1, "confirmed", "retiree");
    const input = { blogId: site.blog.id, subscriberId: reader?.id ?? 0 };
    expect(await removeSubscriberAs({ ...input, userId: site.authorId })).toBe("forbidden");
    const stranger = await createBlog();
    expect(await removeSubscriberAs({ ...input, userId: stranger.ownerId })).toBe("forbidden");
    // An owner of another blog cannot reach this blog's subscriber through their own blog either.
    expect(await removeSubscriberAs({ blogId: stranger.blog.id, subscriberId: reader?.id ?? 0, userId: stranger.ownerId })).toBe("not-found");
    expect(await subscriberRow(site.blog.id, reader?.email ?? "")).toBeDefined();
    expect(await removeSubscriberAs({ ...input, userId: site.ownerId })).toBe("removed");
    expect(await subscriberRow(site.blog.id, reader?.email ?? "")).toBeUndefined();
    // The link of an old mail still answers, without saying anything of the removal.
    expect(await unsubscribeWithToken(unsubscribeToken(reader?.id ?? 0))).toEqual({ outcome: "already", blogId: null });
  });

  it("imports only with the blogger's declaration of consent, and mails each new address a confirmation", async () => {
    const csv = "email;nom\nalice@exemple.fr;Alice\nBOB@Exemple.fr ;Bob\npas-une-adresse;X\nalice@exemple.fr;Alice encore\n";
    const refused = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv, consent: false, alreadyConfirmed: false });
    expect(refused).toMatchObject({ ok: false, problem: "no-consent" });
    expect(await subscriberRow(site.blog.id, "alice@exemple.fr")).toBeUndefined();

    const before = await countConfirmedSubscribers(site.blog.id);
    const result = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv, consent: true, alreadyConfirmed: false });
    expect(result).toEqual({ ok: true, added: 2, existing: 0, invalid: [{ line: 4, value: "pas-une-adresse" }] });
    for (const email of ["alice@exemple.fr", "bob@exemple.fr"]) {
      const row = await subscriberRow(site.blog.id, email);
      expect(row?.status).toBe("pending");
      expect(row?.source).toBe("import");
      const mails = await outboxFor(email);
      expect(mails.map((mail) => mail.kind)).toEqual(["newsletter-confirm"]);
    }
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before);
  });

  it("imports addresses declared already confirmed without mailing them, and leaves existing addresses alone", async () => {
    const [left] = await addSubscribers(site.blog.id, 1, "unsubscribed", "ancienne");
    const before = await countConfirmedSubscribers(site.blog.id);
    const csv = `${left?.email}\nnouvelle-1@exemple.fr\nnouvelle-2@exemple.fr\n`;
    const result = await importSubscribersAs({ userId: site.ownerId, blogId: site.blog.id, csv, consent: true, alreadyConfirmed: true });
    expect(result).toEqual({ ok: true, added: 2, existing: 1, invalid: [] });
    expect(await countConfirmedSubscribers(site.blog.id)).toBe(before + 2);
    expect(await outboxFor("nouvelle-1@exemple.fr")).toHaveLength(0);
    // Someone who left is not subscribed again by an import.
    expect((await subscriberRow(site.blog.id, left?.email ?? ""))?.status).toBe("unsubscribed");
  });

  it("refuses an import by an author or a stranger", async () => {
    const csv = "intrus@exemple.fr\n";
    expect(await importSubscribersAs({ userId: site.authorId, blogId: site.blog.id, csv, consent: true, alreadyConfirmed: true })).toMatchObject({ ok: false, problem: "forbidden" });
    const stranger = await createBlog();
    expect(await importSubscribersAs({ userId: stranger.ownerId, blogId: site.blog.id, csv, consent: true, alreadyConfirmed: true })).toMatchObject({ ok: false, problem: "forbidden" });
    expect(await subscriberRow(site.blog.id, "intrus@exemple.fr")).toBeUndefined();
  });
});
