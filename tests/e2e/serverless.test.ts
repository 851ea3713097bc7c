// Carnet as a host without a disk runs it: plain `next start` (no custom server, no timers kept alive),
// a working directory it cannot write, the database on a libSQL server (sqld), images in an S3-compatible
// bucket (s3rver), AUTH_SECRET from the environment. This file starts its own servers and build, once.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { s3MediaStorage } from "@/lib/media/storage";
import { launchChromium, type Browser } from "../helpers/browser";
import { freePort } from "../helpers/free-port";
import { httpGet, httpRequest } from "../helpers/http";
import { startS3Server, type RunningS3 } from "../helpers/s3-server";
import { signIn } from "../helpers/sign-in";
import { startSqld, type RunningSqld } from "../helpers/sqld";

const DEMO = "formation-continue";
const AUTH_SECRET = "secret-de-test-serverless-0123456789abcdef";
const CRON_SECRET = "jeton-du-service-cron-de-test";
const NOBODY = 65534;
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

let sqld: RunningSqld;
let s3: RunningS3;
let database: Client;
let browser: Browser;
let server: ChildProcess | undefined;
let deployment: string;
let rootDomain: string;
const platform = (path: string) => `http://${rootDomain}${path}`;
const blog = (path: string) => `http://${DEMO}.${rootDomain}${path}`;

function run(args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = openSync(log, "a");
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", out, out] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}:\n${readFileSync(log, "utf8").slice(-4000)}`))));
  });
}

/** Removes every write permission below `path` (links excepted: they lead back to the checkout). */
function makeReadOnly(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) for (const entry of readdirSync(path)) makeReadOnly(join(path, entry));
  chmodSync(path, stats.mode & 0o555);
}

beforeAll(async () => {
  [sqld, s3] = await Promise.all([startSqld(), startS3Server()]);
  database = createClient({ url: sqld.url });
  const port = await freePort();
  rootDomain = `localhost:${port}`;
  const work = mkdtempSync(join(tmpdir(), "carnet-serverless-"));
  const log = join(work, "server.log");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: sqld.url,
    ...s3.env,
    AUTH_SECRET,
    CRON_SECRET,
    // As README's « Serverless hosting » says: the host's cron service runs the jobs, no timer of the server.
    JOBS: "off",
    ROOT_DOMAIN: rootDomain,
    PUBLIC_PROTOCOL: "http",
  };
  delete env.CARNET_QUERY_LOG;

  // What the operator runs against the remote database (from CI, say): migrations and the demo blog.
  await run(["--import", "./tests/helpers/allow-server-only.mjs", "--import", "tsx", "lib/cli/seed.ts"], env, log);

  // The deployment: the end-to-end tests' one build (made knowing nothing of this address, database or
  // storage) copied as .next, the checkout's other files seen through links, nothing writable.
  const build = inject("distDir");
  deployment = join(work, "app");
  cpSync(build, join(deployment, ".next"), { recursive: true, filter: (source) => !source.startsWith(join(build, "cache")) });
  for (const entry of readdirSync(".")) {
    if (entry.startsWith(".next") || entry === ".git" || entry === "data") continue;
    symlinkSync(join(process.cwd(), entry), join(deployment, entry));
  }
  makeReadOnly(deployment);
  chmodSync(work, 0o755);

  const out = openSync(log, "a");
  // root writes anywhere whatever the modes say: then the server runs as nobody, who owns nothing here.
  const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  server = spawn(process.execPath, [nextBin, "start", "--port", String(port)], {
    cwd: deployment,
    env: { ...env, NEXT_DIST_DIR: ".next", HOME: deployment },
    stdio: ["ignore", out, out],
    detached: true,
    ...asNobody,
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${readFileSync(log, "utf8").slice(-4000)}`);
    const answer = await httpGet(platform("/")).catch(() => null);
    if (answer?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${readFileSync(log, "utf8").slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid !== undefined && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  database?.close();
  await Promise.all([sqld?.stop(), s3?.close()]);
  if (deployment) {
    chmodSync(deployment, 0o755);
    rmSync(join(deployment, ".."), { recursive: true, force: true });
  }
});

describe("Carnet on a host without a disk (next start, sqld, S3)", () => {
  let imagePath = "";
  let articleUrl = "";

  it("runs from a working directory it cannot write", () => {
    expect(() => readdirSync(deployment)).not.toThrow();
    const probe = spawn(process.execPath, ["-e", `require("node:fs").writeFileSync(${JSON.stringify(join(deployment, "essai"))}, "x")`], {
      ...(process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    return new Promise<void>((resolve) =>
      probe.on("exit", (code) => {
        expect(code).not.toBe(0);
        resolve();
      }),
    );
  });

  it("takes a blogger's image into the S3 bucket and serves it from the blog's address", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, `/admin/${DEMO}/medias`);
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#1f618d" } }).jpeg().toBuffer();
    const form = page.locator("form[action$='/medias/envoi']");
    await form.getByLabel("Image", { exact: true }).setInputFiles({ name: "estuaire.jpg", mimeType: "image/jpeg", buffer: photo });
    await form.getByLabel("Texte alternatif").fill("L'estuaire de la Loire à marée basse");
    await Promise.all([page.waitForURL((url) => url.search !== ""), page.getByRole("button", { name: "Envoyer l'image" }).click()]);
    expect(await page.locator("main").getByRole("status").textContent()).toBe("L'image a été ajoutée à vos médias.");
    const card = page.locator("li[id^=media-]").filter({ hasText: "![L'estuaire de la Loire à marée basse](" });
    imagePath = (await card.getByTestId("media-markdown").textContent())?.match(/\((\/medias\/[a-f0-9]{32}\.\w+)\)/)?.[1] ?? "";
    await context.close();
    expect(imagePath).not.toBe("");

    const key = imagePath.slice("/medias/".length);
    expect(await s3MediaStorage(s3.settings).get(key)).not.toBeNull();
    const served = await httpGet(blog(imagePath));
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toMatch(/^image\//);
    expect(served.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("publishes a post with that image; readers get it, the second time from Next's cache", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, `/admin/${DEMO}/articles/nouveau`);
    await page.getByLabel("Titre", { exact: true }).fill("Une formation au bord de l'estuaire");
    await page.getByLabel("Texte (Markdown)").fill(`Trois jours d'atelier à Saint-Nazaire.\n\n![L'estuaire de la Loire à marée basse](${imagePath})`);
    await page.getByRole("button", { name: "Publier maintenant" }).click();
    // The demo blog has subscribers: the editor asks once before mailing them.
    await page.getByRole("button", { name: "Oui, publier et envoyer" }).click();
    await page.waitForURL((url) => new RegExp(`/admin/${DEMO}/articles/\\d+$`).test(url.pathname));
    articleUrl = (await page.getByRole("link", { name: "Voir l'article ↗" }).getAttribute("href")) ?? "";
    await context.close();
    expect(articleUrl).toMatch(new RegExp(`^${blog("/archives/")}\\d{4}/\\d{2}/\\d{2}/une-formation-au-bord-de-l-?estuaire$`));

    const first = await httpGet(articleUrl);
    expect(first.status).toBe(200);
    expect(first.body).toContain("Une formation au bord de l");
    expect(first.body).toContain(`src="${imagePath}"`);
    const second = await httpGet(articleUrl);
    expect(second.status).toBe(200);
    expect(second.headers["x-nextjs-cache"]).toBe("HIT");
  });

  it("keeps a reader's comment in the libSQL server", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    const form = page.locator("#commentaire-formulaire form").first();
    await form.getByLabel("Nom", { exact: true }).fill("Yann Le Goff");
    await form.getByLabel("E-mail (jamais affiché)", { exact: true }).fill("yann.legoff@exemple.test");
    await form.getByLabel("Commentaire", { exact: true }).fill("J'y étais : les ateliers sur le quai valaient le détour.");
    await Promise.all([page.waitForURL(() => true), form.getByRole("button", { name: "Publier le commentaire" }).click()]);
    await page.locator("#commentaire-formulaire [role=status]").waitFor();
    await context.close();
    const stored = await database.execute({ sql: "select author_name from comment where body = ?", args: ["J'y étais : les ateliers sur le quai valaient le détour."] });
    expect(stored.rows.map((row) => row.author_name)).toEqual(["Yann Le Goff"]);
  });

  it("runs its periodic jobs when the host's cron service calls them, and only then", async () => {
    // A draft saved in the editor, then due: what the scheduler publishes when its time has come.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, undefined, undefined, `/admin/${DEMO}/articles/nouveau`);
    await page.getByLabel("Titre", { exact: true }).fill("Programmé pour la rentrée");
    await page.getByLabel("Texte (Markdown)").fill("Les inscriptions aux ateliers d'automne ouvrent aujourd'hui.");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.waitForURL((url) => new RegExp(`/admin/${DEMO}/articles/\\d+$`).test(url.pathname));
    await context.close();
    await database.execute({ sql: "update post set status = 'scheduled', published_at = ? where title = ?", args: [Date.now() - 60_000, "Programmé pour la rentrée"] });
    // The host keeps no process alive between requests: nothing publishes it until the cron call.
    expect((await httpGet(blog("/"))).body).not.toContain("Programmé pour la rentrée");

    const cron = (job: string, token: string) => httpRequest("POST", platform(`/api/cron/${job}`), { headers: { Authorization: `Bearer ${token}` } });
    expect((await cron("publish-scheduled", "pas-le-bon-jeton")).status).toBe(401);
    const published = await cron("publish-scheduled", CRON_SECRET);
    expect(published.status).toBe(200);
    expect(JSON.parse(published.body)).toEqual({ job: "publish-scheduled", ran: true, count: 1 });
    expect((await httpGet(blog("/"))).body).toContain("Programmé pour la rentrée");
    for (const job of ["send-outbox", "flush-views", "purge-expired"]) {
      const answer = await cron(job, CRON_SECRET);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ job });
    }
  });

  it("wrote no file of its own: the secret comes from AUTH_SECRET, not data/secret", () => {
    expect(existsSync(join(deployment, "data"))).toBe(false);
  });
});
