import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { claimDueEmails, countOutboxByStatus, LOCK_MS, MAX_ATTEMPTS, queueEmail, retryDelayMs } from "@/lib/mail/outbox";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import { drainOutbox, startOutboxWorker } from "@/lib/mail/worker";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";

let smtp: TestSmtpServer;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Without SMTP_URL (the unit tests' configuration) every queued message is also printed to the log.
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  await db.delete(emailOutbox);
  smtp.messages.length = 0;
  smtp.failNext(0);
  const created = createSmtpTransport(smtp.url);
  if (!created) throw new Error("no transport");
  transport = created;
});
afterEach(() => {
  transport.close();
});

const statusOf = async (key: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.key, key)))[0];

async function queueMany(count: number, prefix: string, now = Date.now()) {
  for (let index = 1; index <= count; index += 1) {
    await queueEmail(db, { key: `${prefix}:${index}`, kind: "essai", to: `${prefix}-${index}@exemple.fr`, subject: `Message ${index}`, text: `Bonjour ${index}` }, now);
  }
}

describe("the outbox worker", () => {
  it("sends a queued message over SMTP once, even when it was queued twice under the same key", async () => {
    const message = { key: "bienvenue:1", kind: "essai", to: "lea@exemple.fr", subject: "Bienvenue à bord", text: "Voici votre lien : https://carnet.test/x" };
    expect(await queueEmail(db, message)).toBe(true);
    expect(await queueEmail(db, message)).toBe(false);
    expect(await drainOutbox(transport)).toBe(1);
    expect(await drainOutbox(transport)).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.to).toBe("lea@exemple.fr");
    expect(mail?.subject).toBe("Bienvenue à bord");
    expect(mail?.text.trim()).toBe("Voici votre lien : https://carnet.test/x");
    expect(mail?.messageId).toBe("<bienvenue.1@carnet.test>");
    const row = await statusOf("bienvenue:1");
    expect(row?.status).toBe("sent");
    expect(row?.sentAt).not.toBeNull();
  });

  it("retries a temporary SMTP failure later and then sends the message", async () => {
    const t0 = Date.now();
    await queueEmail(db, { key: "retry:1", kind: "essai", to: "paul@exemple.fr", subject: "Réessai", text: "Bonjour" }, t0);
    smtp.failNext(1);
    expect(await drainOutbox(transport, { now: () => t0 })).toBe(0);
    let row = await statusOf("retry:1");
    expect(row?.status).toBe("queued");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("451");
    expect(row?.nextAttemptAt).toBe(t0 + retryDelayMs(1));
    // Not before its time…
    expect(await drainOutbox(transport, { now: () => t0 + retryDelayMs(1) - 1 })).toBe(0);
    // …then it goes.
    expect(await drainOutbox(transport, { now: () => t0 + retryDelayMs(1) })).toBe(1);
    row = await statusOf("retry:1");
    expect(row?.status).toBe("sent");
    expect(smtp.messages.map((mail) => mail.to)).toEqual(["paul@exemple.fr"]);
  });

  it("backs off exponentially and ends as failed, with the reason, after the last attempt", async () => {
    let clock = Date.now();
    await queueEmail(db, { key: "echec:1", kind: "essai", to: "zoe@exemple.fr", subject: "Jamais", text: "Bonjour" }, clock);
    smtp.failNext(100, { code: 421, message: "4.4.2 Serveur de test saturé" });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await drainOutbox(transport, { now: () => clock });
      const row = await statusOf("echec:1");
      expect(row?.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(row?.status).toBe("queued");
        delays.push((row?.nextAttemptAt ?? 0) - clock);
        clock = row?.nextAttemptAt ?? clock;
      }
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    const row = await statusOf("echec:1");
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("Serveur de test saturé");
    expect(await drainOutbox(transport, { now: () => clock + 86_400_000 })).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect((await countOutboxByStatus()).failed).toBe(1);
  });

  it("gives up at once on a permanent refusal (5xx), with the reason", async () => {
    smtp.refuse("inconnu@exemple.fr", { code: 550, message: "5.1.1 Boîte inconnue" });
    await queueEmail(db, { key: "refus:1", kind: "essai", to: "inconnu@exemple.fr", subject: "Perdu", text: "Bonjour" });
    await queueEmail(db, { key: "refus:2", kind: "essai", to: "connu@exemple.fr", subject: "Reçu", text: "Bonjour" });
    expect(await drainOutbox(transport)).toBe(1);
    const refused = await statusOf("refus:1");
    expect(refused?.status).toBe("failed");
    expect(refused?.attempts).toBe(1);
    expect(refused?.lastError).toContain("Boîte inconnue");
    expect(smtp.messages.map((mail) => mail.to)).toEqual(["connu@exemple.fr"]);
  });

  it("stopped in the middle of a batch, then restarted, sends every message exactly once", async () => {
    await queueMany(30, "arret");
    const firstRun = await drainOutbox(transport, { batchSize: 50, shouldStop: () => smtp.messages.length >= 8 });
    expect(firstRun).toBeGreaterThanOrEqual(8);
    expect(firstRun).toBeLessThan(30);
    // What was not tried went back to the queue at once: nothing waits for a lock to expire.
    const counts = await countOutboxByStatus();
    expect(counts).toEqual({ queued: 30 - firstRun, sending: 0, sent: firstRun, failed: 0 });
    const secondRun = await drainOutbox(transport);
    expect(firstRun + secondRun).toBe(30);
    const recipients = smtp.messages.map((mail) => mail.to).sort();
    expect(recipients).toEqual(Array.from({ length: 30 }, (_, index) => `arret-${index + 1}@exemple.fr`).sort());
  });

  it("after a crash mid-batch, sends the abandoned messages once their lock has run out, and no others twice", async () => {
    const t0 = Date.now();
    await queueMany(20, "panne", t0);
    // A worker claims ten messages and dies before sending any of them.
    const abandoned = await claimDueEmails(10, t0);
    expect(abandoned).toHaveLength(10);
    expect(await drainOutbox(transport, { now: () => t0 + 1000 })).toBe(10);
    expect(await drainOutbox(transport, { now: () => t0 + LOCK_MS - 1 })).toBe(0);
    expect(await drainOutbox(transport, { now: () => t0 + LOCK_MS + 1 })).toBe(10);
    const recipients = smtp.messages.map((mail) => mail.to);
    expect(new Set(recipients).size).toBe(20);
    expect(recipients).toHaveLength(20);
  });

  it("never sends a message twice when two workers drain the outbox together", async () => {
    await queueMany(60, "duo");
    const other = createSmtpTransport(smtp.url);
    if (!other) throw new Error("no transport");
    const [a, b] = await Promise.all([drainOutbox(transport, { batchSize: 7 }), drainOutbox(other, { batchSize: 7 })]);
    other.close();
    expect(a + b).toBe(60);
    expect(smtp.messages).toHaveLength(60);
    expect(new Set(smtp.messages.map((mail) => mail.to)).size).toBe(60);
  });

  it("a message taken over by another worker after its lock ran out is not sent by the first one", async () => {
    const t0 = Date.now();
    await queueMany(1, "relais", t0);
    const [stale] = await claimDueEmails(1, t0);
    // The lock runs out; another worker takes the message and sends it.
    expect(await drainOutbox(transport, { now: () => t0 + LOCK_MS + 1 })).toBe(1);
    // The first worker wakes up with its old claim: it must not send it again.
    if (!stale) throw new Error("not claimed");
    const { renewClaim } = await import("@/lib/mail/outbox");
    expect(await renewClaim(stale, t0 + LOCK_MS + 2)).toBeNull();
    expect(smtp.messages).toHaveLength(1);
  });

  it("runs as a background worker that sends what is queued and stops cleanly", async () => {
    const worker = startOutboxWorker(transport, 50);
    await queueMany(3, "fond");
    await smtp.waitFor((messages) => messages.length === 3);
    await worker.stop();
    expect((await countOutboxByStatus()).sent).toBe(3);
    // Recreated for afterEach, which closes it.
    transport = createSmtpTransport(smtp.url) as MailTransport;
  });
});
