import { spawn } from "node:child_process";
import { mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { waitUntilServing } from "../helpers/carnet-server";
import { freePort } from "../helpers/free-port";
import { createAccount, createBlog, openDatabase, uniqueSlug } from "../helpers/e2e-data";
import { httpGet } from "../helpers/http";
import { signIn } from "../helpers/sign-in";
import type { BrowserContext, Page } from "playwright-core";

// The production build served by `npm start` (lib/cli/serve.mjs): a blogger's Markdown is rendered on
// the worker threads of lib/markdown/render.ts, never on the server's event loop.
const rootDomain = inject("rootDomain");
const readerPage = `http://formation-continue.${rootDomain}/`;
const TOO_COMPLEX = "Ce texte est trop complexe à mettre en page";
const EMAIL = "agathe.imbrications@example.org";
const PASSWORD = "des crochets dans des crochets";

let browser: Browser;
let context: BrowserContext;
let slug = "";

beforeAll(async () => {
  const database = openDatabase(inject("databaseUrl"));
  const ownerId = await createAccount(database, { name: "Agathe Imbrications", email: EMAIL, password: PASSWORD });
  slug = uniqueSlug("imbrications");
  await createBlog(database, { slug, title: "Carnet des imbrications", ownerId });
  database.close();
  browser = await launchChromium();
  // The editor as a plain HTML form: the save is one POST whose answer is the page.
  context = await browser.newContext({ javaScriptEnabled: false });
  await signIn(await context.newPage(), rootDomain, EMAIL, PASSWORD, `/admin/${slug}/articles`);
  // The reader page is in Next's cache before the clock starts, as it is for readers.
  expect((await httpGet(readerPage)).status).toBe(200);
});

afterAll(async () => {
  await browser.close();
});

/** Publishes a new post through the editor; the HTTP status of the save. */
async function publish(page: Page, title: string, body: string, origin = `http://${rootDomain}`): Promise<number> {
  await page.goto(`${origin}/admin/${slug}/articles/nouveau`);
  await page.getByLabel("Titre", { exact: true }).fill(title);
  // Typing 160 KB into a text area takes Chromium a while on a busy machine.
  await page.getByLabel("Texte (Markdown)").fill(body, { timeout: 120_000 });
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === "POST"),
    page.getByRole("button", { name: "Publier maintenant" }).click(),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

/** Requests the reader page again and again while `work` runs; the slowest answer, and how many there were. */
async function readWhile(work: Promise<unknown>): Promise<{ slowestMs: number; count: number }> {
  let done = false;
  void work.finally(() => (done = true));
  let slowestMs = 0;
  let count = 0;
  do {
    const started = performance.now();
    const response = await httpGet(readerPage);
    expect(response.status).toBe(200);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    count++;
  } while (!done);
  return { slowestMs, count };
}

const pathological: [string, string][] = [
  ["20 000 nested brackets", `${"[".repeat(20000)}a${"]".repeat(20000)}`],
  ["5 000 nested quotations", `${"> ".repeat(5000)}a`],
  ["5 000 emphasis delimiters around a letter", `${"*".repeat(5000)}a${"*".repeat(5000)}`],
];

describe("a post the renderer cannot lay out", () => {
  it.each(pathological)("answers « trop complexe » for %s, keeps the text typed, and readers are served meanwhile", async (_, body) => {
    const page = await context.newPage();
    const started = performance.now();
    const saving = publish(page, "Un texte piégé", body);
    const reading = await readWhile(saving);
    const status = await saving;
    expect(status).toBe(200);
    expect(performance.now() - started).toBeLessThan(20_000);
    await page.getByText(TOO_COMPLEX).first().waitFor();
    expect(await page.getByLabel("Texte (Markdown)").inputValue()).toBe(body);
    expect(reading.slowestMs).toBeLessThan(1_000);
    await page.close();
  });
});

describe("a long legitimate post", () => {
  it("saves a 160 KB table (or says it is too complex) while readers are served within a second", async () => {
    const rows = Array.from({ length: 1800 }, (_, index) => `| Session ${index + 1} | Formation **continue** | [inscription](https://example.org/sessions/${index + 1}) |`);
    const table = `| Session | Intitulé | Lien |\n| --- | --- | --- |\n${rows.join("\n")}`;
    expect(table.length).toBeGreaterThan(160_000);
    expect(table.length).toBeLessThan(200_000);
    const page = await context.newPage();
    const saving = publish(page, "Calendrier des sessions", table);
    const reading = await readWhile(saving);
    const status = await saving;
    expect(status).toBeLessThan(500);
    expect(reading.count).toBeGreaterThan(0);
    expect(reading.slowestMs).toBeLessThan(1_000);
    if (new URL(page.url()).pathname.endsWith("/nouveau")) {
      // Refused within the time limit: the message, and the text still there.
      await page.getByText(TOO_COMPLEX).first().waitFor();
      expect((await page.getByLabel("Texte (Markdown)").inputValue()).length).toBe(table.length);
    } else {
      await page.getByText("Article publié.").waitFor();
      const article = await httpGet(`http://${slug}.${rootDomain}/`);
      expect(article.body).toContain("Calendrier des sessions");
    }
    await page.close();
  }, 240_000);

  it("gives headings prefixed ids and keeps links to them working", async () => {
    const page = await context.newPage();
    const status = await publish(page, "Sommaire", "## __next_f\n\n[Aller à la section](#__next_f)\n\n## Suite");
    expect(status).toBeLessThan(400);
    await page.getByText("Article publié.").waitFor();
    const reader = await browser.newPage();
    const home = await httpGet(`http://${slug}.${rootDomain}/`);
    const path = /href="(\/archives\/[^"]+\/sommaire)"/.exec(home.body)?.[1];
    expect(path).toBeDefined();
    await reader.goto(`http://${slug}.${rootDomain}${path}`);
    expect(await reader.locator("h2#user-content-__next_f").count()).toBe(1);
    expect(await reader.locator("#__next_f").count()).toBe(0);
    await reader.getByRole("link", { name: "Aller à la section" }).click();
    expect(new URL(reader.url()).hash).toBe("#user-content-__next_f");
    await reader.close();
    await page.close();
  });
});

describe("the same build under plain `next start`", () => {
  it("renders a post on its worker thread and refuses a nested one, as under npm start", async () => {
    // A second server on the end-to-end build and database: Next's own `next start`, no custom server.
    const port = await freePort();
    const logFile = join(mkdtempSync(join(tmpdir(), "carnet-next-start-")), "server.log");
    const log = openSync(logFile, "a");
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), ROOT_DOMAIN: `localhost:${port}`, DATABASE_URL: inject("databaseUrl"), NEXT_DIST_DIR: ".next-test", OUTBOX_WORKER: "off", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", log, log],
      detached: true,
    });
    try {
      await waitUntilServing(`http://localhost:${port}/`, child, logFile, 120_000);
      const ownContext = await browser.newContext({ javaScriptEnabled: false });
      const page = await ownContext.newPage();
      await signIn(page, `localhost:${port}`, EMAIL, PASSWORD, `/admin/${slug}/articles`);
      expect(await publish(page, "Sous next start", "## Une section\n\nDu *texte*.", `http://localhost:${port}`)).toBeLessThan(400);
      await page.getByText("Article publié.").waitFor();
      expect(await publish(page, "Piège sous next start", `${"[".repeat(20000)}a${"]".repeat(20000)}`, `http://localhost:${port}`)).toBe(200);
      await page.getByText(TOO_COMPLEX).first().waitFor();
      await ownContext.close();
    } finally {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid, "SIGTERM");
      });
    }
  }, 240_000);
});
