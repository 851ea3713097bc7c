// Carnet on several instances (scripts/cluster.ts, `npm run cluster`): one sqld primary with a JWT key,
// Redis, s3rver, three instances of the end-to-end tests' build and Debian's nginx in front. What one
// instance does, the others show at once; jobs run once though three workers run; readers count once
// whichever instance answers; an instance killed or Redis stopped under load costs readers nothing.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCluster, type CarnetInstance, type Cluster } from "../../scripts/cluster";
import { launchChromium, type Browser } from "../helpers/browser";
import { formFields, postForm as postFormTo } from "../helpers/form-replay";
import { httpGet, type HttpResponse } from "../helpers/http";
import { readMailbox } from "../helpers/mailbox";
import { signIn } from "../helpers/sign-in";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";

const DEMO = "formation-continue";
const ARTICLE = "/archives/2012/06/24/reseaux-sociaux-entreprise-formation";
const QUEUE = `/admin/${DEMO}/commentaires`;
const NEW_POST = `/admin/${DEMO}/articles/nouveau`;
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
/** The thanks of a held comment (up to its apostrophes, which the HTML escapes). */
const HELD = "Merci ! Votre commentaire a bien été reçu : il sera publié dès que l";
/** What consistency means here: what one instance did, every other shows within this. */
const AT_ONCE_MS = 2_000;

let cluster: Cluster;
let smtp: TestSmtpServer;
let mailDir: string;
let database: Client;
let browser: Browser;
let bloggerCookie = "";
let readerNumber = 0;
let A: CarnetInstance;
let B: CarnetInstance;
let C: CarnetInstance;

const blogHost = () => `${DEMO}.${cluster.rootDomain}`;
/** Through nginx (the readers' way in). */
const viaNginx = (path: string, host = blogHost()) => httpGet(`http://${host}${path}`);
/** Straight to one instance, with the public host name. */
const direct = (instance: CarnetInstance, path: string, host = blogHost()) => httpGet(`http://127.0.0.1:${instance.port}${path}`, { Host: host });
/** A reader of their own: nginx stands behind a CDN here (TRUST_PROXY_HOPS=2), so X-Forwarded-For names the reader. */
const nextReader = () => `203.0.113.${(readerNumber += 1) % 250}, 198.51.${Math.floor(readerNumber / 250)}.${readerNumber % 250}`;

async function scalar(sql: string, args: (string | number)[] = []): Promise<number> {
  const result = await database.execute({ sql, args });
  return Number(Object.values(result.rows[0] ?? {})[0] ?? 0);
}

async function bloggerContext(): Promise<BrowserContext> {
  if (!bloggerCookie) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), cluster.rootDomain);
    bloggerCookie = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    const state = await context.storageState();
    await context.close();
    return browser.newContext({ javaScriptEnabled: false, storageState: state });
  }
  return browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { Cookie: bloggerCookie } });
}

/** A form posted as a reader's browser (scripts off) posts it, to one port. */
const postForm = (port: number, host: string, path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  postFormTo(port, host, path, fields, { "User-Agent": PERSON, ...headers });

/** The new post form's fields, filled, as `button` sends them. */
async function editorFields(title: string, text: string, button: string): Promise<[string, string][]> {
  const context = await bloggerContext();
  const page = await context.newPage();
  await page.goto(`http://${cluster.rootDomain}${NEW_POST}`);
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page.getByLabel("Texte (Markdown)").fill(text);
  const fields = await formFields(page, `form:has(button:text('${button}'))`, button);
  await context.close();
  return fields;
}

/** The comment form's fields for a new comment of `body` (the article as served, scripts off). */
let commentForm: [string, string][] | undefined;
async function commentFields(body: string, name = "Lucie Marchand"): Promise<[string, string][]> {
  if (!commentForm) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`http://${blogHost()}${ARTICLE}`);
    commentForm = await formFields(page, "#commentaire-formulaire form", "Publier le commentaire");
    await context.close();
  }
  const fields = commentForm.filter(([field]) => !["name", "email", "body"].includes(field));
  return [...fields, ["name", name], ["email", `${randomUUID()}@exemple.org`], ["body", body]];
}

/** A reader posts a comment through `port` (nginx's or an instance's); true when Carnet acknowledged it. */
async function postComment(port: number, body: string): Promise<boolean> {
  const answer = await postForm(port, blogHost(), ARTICLE, await commentFields(body), { "X-Forwarded-For": nextReader() }).catch(() => null);
  // Without JavaScript, the article comes back with the thanks (held for moderation: sent without scripts).
  return answer !== null && answer.status === 200 && answer.body.includes(HELD);
}

/** Approves a held comment through one instance, replaying the moderation form of the blogger. */
async function approveThrough(instance: CarnetInstance, body: string): Promise<void> {
  const context = await bloggerContext();
  const page = await context.newPage();
  await page.goto(`http://${cluster.rootDomain}${QUEUE}`);
  const row = page.getByRole("article").filter({ hasText: body });
  const fields = await row.locator("form").first().evaluate((form: HTMLFormElement) =>
    [...new FormData(form)].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  await context.close();
  const answer = await postForm(instance.port, cluster.rootDomain, QUEUE, [...fields, ["operation", "approve"]], { Cookie: bloggerCookie });
  expect(answer.status).toBe(303);
}

/** Runs `request` over and over (`concurrency` at once) until stopped; returns every status seen. */
function underLoad(request: () => Promise<number>, concurrency = 4) {
  const statuses: number[] = [];
  let running = true;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) statuses.push(await request().catch(() => 0));
  });
  return {
    statuses,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return statuses;
    },
  };
}

/** Resolves once `count` more requests of the load have finished (time passes by requests, not by sleeps). */
async function requestsPass(load: { statuses: number[] }, count: number): Promise<void> {
  const target = load.statuses.length + count;
  await expect.poll(() => load.statuses.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(target);
}

beforeAll(async () => {
  mailDir = mkdtempSync(join(tmpdir(), "carnet-cluster-mail-"));
  smtp = await startSmtpServer({ saveTo: mailDir });
  cluster = await startCluster({ distDir: inject("distDir"), env: { SMTP_URL: smtp.url, TRUST_PROXY_HOPS: "2" } });
  [A, B, C] = cluster.instances as [CarnetInstance, CarnetInstance, CarnetInstance];
  database = createClient({ url: cluster.databaseUrl, authToken: cluster.databaseAuthToken });
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  database?.close();
  await cluster?.stop();
  await smtp?.close();
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

describe("three instances behind nginx, one sqld, one Redis, one bucket", () => {
  it("answers through nginx and through each instance; sqld refuses who has no token", async () => {
    for (const answer of [await viaNginx("/"), await direct(A, "/"), await direct(B, "/"), await direct(C, "/")]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain("Formation Continue du Supérieur");
    }
    const anonymous = await fetch(`${cluster.databaseUrl}/v2/pipeline`, { method: "POST", body: JSON.stringify({ requests: [{ type: "execute", stmt: { sql: "select 1" } }] }) });
    expect(anonymous.status).toBe(401);
  });

  it("micro-caches anonymous reader pages one second, never a signed-in person's nor the administration", async () => {
    await viaNginx(ARTICLE);
    const again = await viaNginx(ARTICLE);
    expect(again.headers["x-micro-cache"]).toMatch(/HIT|UPDATING|STALE/);
    const signedIn = await httpGet(`http://${blogHost()}${ARTICLE}`, { Cookie: "authjs.session-token=quelconque" });
    expect(signedIn.headers["x-micro-cache"]).toBe("BYPASS");
    await bloggerContext().then((context) => context.close());
    const admin = await httpGet(`http://${cluster.rootDomain}${QUEUE}`, { Cookie: bloggerCookie });
    expect(admin.status).toBe(200);
    expect(admin.headers["x-micro-cache"]).toBe("BYPASS");
  });

  it("shows on B and C, within 2 s, a comment approved through A", async () => {
    const body = `Vu depuis une autre instance. ${randomUUID()}`;
    expect(await postComment(cluster.nginxPort, body)).toBe(true);
    for (const instance of [A, B, C]) expect((await direct(instance, ARTICLE)).body).not.toContain(body);
    await approveThrough(A, body);
    const approvedAt = Date.now();
    await Promise.all(
      [B, C].map((instance) => expect.poll(async () => (await direct(instance, ARTICLE)).body, { timeout: AT_ONCE_MS, interval: 100 }).toContain(body)),
    );
    await expect.poll(async () => (await viaNginx(ARTICLE)).body, { timeout: AT_ONCE_MS, interval: 100 }).toContain(body);
    expect(Date.now() - approvedAt).toBeLessThan(AT_ONCE_MS * 2);
  });

  it("puts a post published through A on B's home, archive, feed and sitemap within 2 s, and mails it once to each subscriber", async () => {
    const stamp = randomUUID().slice(0, 8);
    const blogId = await scalar("select id from blog where slug = ?", [DEMO]);
    for (const name of ["aline", "bruno", "chloe"]) {
      await database.execute({
        sql: "insert into newsletter_subscriber (blog_id, email, status, source, created_at, confirmed_at) values (?, ?, 'confirmed', 'form', ?, ?)",
        args: [blogId, `${name}-${stamp}@exemple.fr`, Date.now(), Date.now()],
      });
    }
    const subscribers = await scalar("select count(*) from newsletter_subscriber where blog_id = ? and status = 'confirmed'", [blogId]);

    const title = `Trois instances, une seule publication ${stamp}`;
    // The blogger has answered the editor's « sera envoyé par e-mail à N abonnés » with « Oui, publier et envoyer ».
    const fields = [...(await editorFields(title, "Publié par une instance, lu sur toutes les autres.", "Publier maintenant")), ["confirmMailing", "1"] as [string, string]];
    const published = await postForm(A.port, cluster.rootDomain, NEW_POST, fields, { Cookie: bloggerCookie });
    expect(published.status).toBe(303);

    const month = new Date().toISOString().slice(0, 7).replace("-", "/");
    for (const path of ["/", `/archives/${month}`, "/flux/rss.xml", "/sitemap.xml"]) {
      await expect.poll(async () => (await direct(B, path)).body, { timeout: AT_ONCE_MS, interval: 100 }).toContain(path === "/sitemap.xml" ? `trois-instances-une-seule-publication-${stamp}` : title);
    }

    // Three outbox workers run; each mail is claimed by one of them.
    await expect.poll(() => scalar("select count(*) from email_outbox where subject like ? and status = 'sent'", [`%${stamp}%`]), { timeout: 60_000 }).toBe(subscribers);
    expect(await scalar("select count(*) from email_outbox where subject like ? and status <> 'sent'", [`%${stamp}%`])).toBe(0);
    const mails = readMailbox(mailDir).filter((mail) => mail.subject.includes(stamp));
    expect(mails.length).toBe(subscribers);
    expect(new Set(mails.map((mail) => mail.to)).size).toBe(subscribers);
  });

  it("counts 100 readers once though their 300 views went round-robin to the three instances", async () => {
    const blogId = await scalar("select id from blog where slug = ?", [DEMO]);
    const postId = await scalar("select id from post where blog_id = ? and slug = ?", [blogId, "reseaux-sociaux-entreprise-formation"]);
    const blogBefore = await scalar("select coalesce(sum(views), 0) from blog_view_total where blog_id = ?", [blogId]);
    const postBefore = await scalar("select coalesce(sum(views), 0) from post_view_total where post_id = ?", [postId]);
    const readers = Array.from({ length: 100 }, (_, index) => `192.0.2.${index + 1}`);
    const beacon = (instance: CarnetInstance, reader: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: instance.port,
            path: "/api/beacon",
            method: "POST",
            headers: { host: blogHost(), origin: `http://${blogHost()}`, "user-agent": PERSON, "x-forwarded-for": reader, "content-type": "text/plain;charset=UTF-8" },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ p: ARTICLE, r: "" }));
      });
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const [index, reader] of readers.entries()) statuses.push(await beacon(cluster.instances[(index + round) % 3]!, reader));
    }
    expect(statuses.every((status) => status === 204 || status === 200)).toBe(true);

    await expect.poll(() => scalar("select coalesce(sum(views), 0) from post_view_total where post_id = ?", [postId]), { timeout: 30_000 }).toBe(postBefore + 100);
    expect(await scalar("select coalesce(sum(views), 0) from blog_view_total where blog_id = ?", [blogId])).toBe(blogBefore + 100);

    // A reader seen again tells the instance that wrote the views to refresh the blog's total, for all.
    const visitorTotal = async (answer: Promise<HttpResponse>) => Number((await answer).body.match(/data-testid="visitor-total"[^>]*>([^<]*)</)?.[1]?.replace(/\D/g, ""));
    await expect
      .poll(
        async () => {
          for (const instance of cluster.instances) await beacon(instance, readers[0]!);
          return Math.min(...(await Promise.all([visitorTotal(direct(A, "/")), visitorTotal(direct(B, "/")), visitorTotal(direct(C, "/"))])));
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(blogBefore + 100);
  });

  it("publishes a scheduled post once, though three instances run the scheduler", async () => {
    const stamp = randomUUID().slice(0, 8);
    const title = `Programmé sur trois instances ${stamp}`;
    const fields = await editorFields(title, "Une publication à l'heure dite, une seule fois.", "Enregistrer le brouillon");
    expect((await postForm(B.port, cluster.rootDomain, NEW_POST, fields, { Cookie: bloggerCookie })).status).toBe(303);
    const blogId = await scalar("select id from blog where slug = ?", [DEMO]);
    const subscribers = await scalar("select count(*) from newsletter_subscriber where blog_id = ? and status = 'confirmed'", [blogId]);
    await database.execute({ sql: "update post set status = 'scheduled', published_at = ? where title = ?", args: [Date.now() - 1_000, title] });

    await expect.poll(async () => (await viaNginx("/")).body, { timeout: 45_000, interval: 250 }).toContain(title);
    expect(await scalar("select count(*) from post where title = ? and status = 'published'", [title])).toBe(1);
    // Queued once for each subscriber, whichever instance's scheduler took it.
    await expect.poll(() => scalar("select count(*) from email_outbox where subject like ? and status = 'sent'", [`%${stamp}%`]), { timeout: 60_000 }).toBe(subscribers);
    expect(await scalar("select count(*) from email_outbox where subject like ?", [`%${stamp}%`])).toBe(subscribers);
    expect(readMailbox(mailDir).filter((mail) => mail.subject.includes(stamp)).length).toBe(subscribers);
  });

  it("keeps answering when an instance is killed under load, loses no acknowledged comment, and the instance catches up", { timeout: 600_000 }, async () => {
    const reads = underLoad(async () => (await viaNginx(ARTICLE)).status);
    const acknowledged: string[] = [];
    const comments = underLoad(async () => {
      const body = `Sous la charge. ${randomUUID()}`;
      const ok = await postComment(cluster.nginxPort, body);
      if (ok) acknowledged.push(body);
      return ok ? 200 : 502;
    }, 2);
    await requestsPass(reads, 20);
    A.signal("SIGKILL");
    await A.exited();
    await requestsPass(reads, 100);
    await requestsPass(comments, 10);
    // While A is down, B approves a comment: A must show it once back.
    const approvedWhileDown = acknowledged[acknowledged.length - 1]!;
    await approveThrough(B, approvedWhileDown);
    const [readStatuses, commentStatuses] = await Promise.all([reads.stop(), comments.stop()]);

    expect(readStatuses.filter((status) => status !== 200)).toEqual([]);
    expect(commentStatuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    const stored = await database.execute({ sql: `select body from comment where body in (${acknowledged.map(() => "?").join(",")})`, args: acknowledged });
    expect(stored.rows.map((row) => row.body).sort()).toEqual([...acknowledged].sort());

    await A.start();
    expect((await direct(A, ARTICLE)).body).toContain(approvedWhileDown);
  });

  it("keeps serving readers while Redis is stopped for 10 s, and writes still land", { timeout: 600_000 }, async () => {
    const reads = underLoad(async () => (await viaNginx(ARTICLE)).status, 3);
    const direct200 = underLoad(async () => (await direct(cluster.instances[Math.floor(Math.random() * 3)]!, "/")).status, 1);
    await requestsPass(reads, 20);
    await cluster.redis.stop();
    const stoppedAt = Date.now();
    const body = `Pendant la panne de Redis. ${randomUUID()}`;
    expect(await postComment(cluster.nginxPort, body)).toBe(true);
    // The outage itself lasts 10 s (what is being tested), readers reading all along.
    await expect.poll(() => Date.now() - stoppedAt, { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(10_000);
    await cluster.redis.start();
    await requestsPass(reads, 20);
    const [readStatuses, directStatuses] = await Promise.all([reads.stop(), direct200.stop()]);
    expect(readStatuses.filter((status) => status !== 200)).toEqual([]);
    expect(directStatuses.filter((status) => status !== 200)).toEqual([]);
    expect(await scalar("select count(*) from comment where body = ?", [body])).toBe(1);

    // Redis back (empty): consistency is back too.
    await expect.poll(async () => {
      const instance = cluster.instances[0]!;
      return (await direct(instance, "/readyz")).status;
    }).toBe(200);
    await approveThrough(A, body);
    await Promise.all(
      [B, C].map((instance) => expect.poll(async () => (await direct(instance, ARTICLE)).body, { timeout: 10_000, interval: 200 }).toContain(body)),
    );
  });
});
