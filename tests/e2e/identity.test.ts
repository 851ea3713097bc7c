import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, type Browser } from "../helpers/browser";
import { createAccount, openDatabase } from "../helpers/e2e-data";
import { freePort } from "../helpers/free-port";
import { httpGet, httpRequest } from "../helpers/http";
import { waitForMail } from "../helpers/mailbox";
import { firstLink } from "../helpers/outbox";
import { signIn, submitSignUp } from "../helpers/sign-in";

const rootDomain = inject("rootDomain");
const mailDir = inject("mailDir");
const database = openDatabase(inject("databaseUrl"));
const platformPort = Number(rootDomain.split(":")[1]);
const platform = (path: string) => `http://${rootDomain}${path}`;
const stamp = Date.now().toString(36);
const PASSWORD = "une phrase de passe solide";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  database.close();
});

/** One HTTP request to a Carnet server on this machine, with any Host and headers, from a chosen loopback address. */
function send(input: { port: number; path: string; method?: string; headers?: Record<string, string>; body?: string; from?: string }) {
  // httpRequest sends the URL's host as Host unless the headers name another one.
  return httpRequest(input.method ?? "GET", `http://localhost:${input.port}${input.path}`, { headers: input.headers, body: input.body, from: input.from });
}

const cookiePairs = (setCookie: string | string[] | undefined) => (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []);

/**
 * Asks Auth.js's own endpoint for a sign-in link (POST /api/auth/signin/email, after its CSRF token), as
 * a script would, without Carnet's form.
 */
async function requestLinkDirectly(input: { port: number; host: string; email: string; headers?: Record<string, string>; from?: string; callbackUrl?: string }) {
  const headers = { Host: input.host, ...input.headers };
  const csrf = await send({ port: input.port, path: "/api/auth/csrf", headers, from: input.from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = cookiePairs(csrf.headers["set-cookie"])
    .map((line) => line.split(";")[0])
    .join("; ");
  const body = new URLSearchParams({ csrfToken, email: input.email, callbackUrl: input.callbackUrl ?? `http://${input.host}/admin` }).toString();
  return send({
    port: input.port,
    path: "/api/auth/signin/email",
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body,
    from: input.from,
  });
}

async function queuedMailCount(addresses: string[]): Promise<number> {
  const result = await database.execute({
    sql: `select count(*) as n from email_outbox where to_address in (${addresses.map(() => "?").join(", ")})`,
    args: addresses,
  });
  return Number(result.rows[0]?.n ?? 0);
}

describe("links Carnet mails", () => {
  it("point at the platform's own address, whatever Host or X-Forwarded-Host the request named", { timeout: 90_000 }, async () => {
    const email = `cible-${stamp}@exemple.fr`;
    await createAccount(database, { name: "Claire Cible", email, password: PASSWORD });

    // A stranger's host is not served at all.
    expect((await send({ port: platformPort, path: "/connexion", headers: { Host: "evil.example" } })).status).toBe(421);
    expect((await send({ port: platformPort, path: "/api/auth/csrf", headers: { Host: "evil.example" } })).status).toBe(421);

    // On the platform's host, forwarded headers that name another one change nothing: through Auth.js's endpoint…
    const spoofed = { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };
    const direct = await requestLinkDirectly({ port: platformPort, host: rootDomain, email, headers: spoofed, callbackUrl: "https://evil.example/admin" });
    expect(direct.status).toBe(302);
    expect(new URL(String(direct.headers.location), platform("/")).host).toBe(rootDomain);
    // (Carnet's own form cannot even be sent that way: Next refuses a server action whose Origin and
    // X-Forwarded-Host disagree.)

    const mails = [await waitForMail(mailDir, (mail) => mail.to === email, 30_000)];
    expect(mails.map((mail) => mail.subject)).toEqual(["Votre lien de connexion à Carnet"]);
    for (const mail of mails) {
      const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(platform("/api/auth/callback/email?"))).toBe(true);
      expect(`${mail.text}${mail.html}`).not.toContain("evil.example");
    }

    // The link signs in on the platform, and the foreign callback address was replaced by the platform's.
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    await readerPage.goto(firstLink(mails[0]?.text ?? ""));
    await readerPage.waitForURL((url) => url.host === rootDomain && url.pathname === "/admin");
    await reader.close();
  });

  it("are throttled per address where they are sent: Auth.js's endpoint gets no more than the form", async () => {
    const email = `bombardee-${stamp}@exemple.fr`;
    for (let i = 0; i < 6; i += 1) {
      // A different client each time (this server trusts one proxy hop): only the address limit holds.
      await requestLinkDirectly({ port: platformPort, host: rootDomain, email, headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } });
    }
    expect(await queuedMailCount([email])).toBe(3);
  });
});

describe("who the client is, with no proxy trusted (TRUST_PROXY_HOPS unset)", () => {
  // A second server on the same build and database, as `npm start` runs it by default.
  let child: ChildProcess;
  let port: number;
  let host: string;

  beforeAll(async () => {
    port = await freePort();
    host = `localhost:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), ROOT_DOMAIN: host, DATABASE_URL: inject("databaseUrl"), NEXT_DIST_DIR: ".next-test", OUTBOX_WORKER: "off" };
    delete env.TRUST_PROXY_HOPS;
    child = spawn(process.execPath, ["lib/cli/serve.mjs"], { env, stdio: "ignore" });
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await send({ port, path: "/healthz", headers: { Host: host } })).status < 500) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("second server did not start");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }, 120_000);
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });

  it("counts a client that rotates X-Forwarded-For as one client, and another address as another", { timeout: 120_000 }, async () => {
    const addresses = Array.from({ length: 22 }, (_, i) => `tournante-${stamp}-${i}@exemple.fr`);
    for (const [i, email] of addresses.entries()) {
      await requestLinkDirectly({ port, host, email, from: "127.0.0.2", headers: { "X-Forwarded-For": `203.0.113.${i + 1}`, "X-Real-IP": `203.0.113.${i + 1}` } });
    }
    // Twenty sign-in mails per client and quarter of an hour, whatever the client wrote in its headers.
    expect(await queuedMailCount(addresses)).toBe(20);

    // Someone else, at another address, is not held back by the first one's limit.
    const other = `autre-client-${stamp}@exemple.fr`;
    await requestLinkDirectly({ port, host, email: other, from: "127.0.0.3" });
    expect(await queuedMailCount([other])).toBe(1);
  });
});

describe("sessions", () => {
  it("end when the person signs out: a copied cookie no longer opens the administration", { timeout: 60_000 }, async () => {
    const email = `sortie-${stamp}@exemple.fr`;
    await createAccount(database, { name: "Solène Sortie", email, password: PASSWORD });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, email, PASSWORD);
    const session = (await context.cookies(platform("/"))).find((cookie) => cookie.name === "authjs.session-token");
    if (!session) throw new Error("no session cookie");
    const copied = `${session.name}=${session.value}`;
    expect((await httpGet(platform("/admin"), { Cookie: copied })).status).toBe(200);

    await page.goto(platform("/deconnexion"));
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.getByRole("button", { name: "Se déconnecter" }).click()]);

    const replayed = await httpGet(platform("/admin"), { Cookie: copied });
    expect(replayed.status).toBe(307);
    expect(String(replayed.headers.location)).toContain("/connexion?retour=%2Fadmin");
    await context.close();
  });

  it("get Secure cookies from PUBLIC_PROTOCOL only, never from X-Forwarded-Proto", async () => {
    const answer = await httpGet(platform("/api/auth/csrf"), { "X-Forwarded-Proto": "https" });
    const cookies = cookiePairs(answer.headers["set-cookie"]);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.startsWith("__Secure-") || cookie.startsWith("__Host-")).toBe(false);
      expect(cookie.toLowerCase()).not.toContain("; secure");
    }
  });
});

describe("coming back after signing in", () => {
  const hostile = ["/％evil", "／evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "/%2F%2Fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example", "/%", "https://evil.example/"];

  it.each(hostile)("answers the sign-in and sign-up pages for retour=%j with the safe default, never an error", async (value) => {
    for (const path of ["/connexion", "/inscription"]) {
      const answer = await httpGet(platform(`${path}?retour=${encodeURIComponent(value)}`));
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('name="retour" value="/admin"');
      // The page's data may echo the query; no link, form field or redirect of the page uses it.
      expect(answer.body).not.toMatch(/(?:value|href|action)="[^"]*evil/);
    }
  });

  it("signs in with a hostile retour and lands in the administration", { timeout: 60_000 }, async () => {
    const email = `retour-${stamp}@exemple.fr`;
    await createAccount(database, { name: "Rémi Retour", email, password: PASSWORD });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, rootDomain, email, PASSWORD, "/％evil");
    expect(new URL(page.url()).pathname).toBe("/admin");
    await context.close();
  });
});

describe("signing up", () => {
  it("answers the same whether the address has an account or not; the mail tells which", { timeout: 90_000 }, async () => {
    const existing = `deja-la-${stamp}@exemple.fr`;
    await createAccount(database, { name: "Déborah Déjà", email: existing, password: PASSWORD });
    const fresh = `nouvelle-${stamp}@exemple.fr`;
    const answers: string[] = [];
    for (const email of [existing, fresh]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await submitSignUp(page, rootDomain, { name: "Quelqu'un", email, password: "une autre phrase de passe" });
      const message = page.getByRole("status").filter({ hasText: "un message vient d'être envoyé" });
      await message.waitFor();
      answers.push(((await message.textContent()) ?? "").replace(email, "<adresse>"));
      await context.close();
    }
    expect(answers[0]).toBe(answers[1]);

    const notice = await waitForMail(mailDir, (mail) => mail.to === existing, 30_000);
    expect(notice.subject).toBe("Vous avez déjà un compte Carnet");
    expect(notice.text).not.toContain("/compte/verifier");
    const verification = await waitForMail(mailDir, (mail) => mail.to === fresh, 30_000);
    expect(verification.subject).toBe("Confirmez votre adresse e-mail sur Carnet");

    // The link proves the address and signs in; the administration's notice is gone.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(firstLink(verification.text));
    await Promise.all([page.waitForURL((url) => url.pathname === "/admin"), page.getByRole("button", { name: "Confirmer mon adresse" }).click()]);
    expect(await page.getByText("Votre adresse e-mail n'est pas encore confirmée").count()).toBe(0);
    await context.close();
  });

  it("with someone else's address gives nothing once the owner signs in by link: the password goes, the sessions end", { timeout: 120_000 }, async () => {
    const victim = `victime-${stamp}@exemple.fr`;
    const attackerPassword = "une clé qui ne lui appartient pas";
    // The stranger signs up with the address, and gets in with the password before anyone proves it.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await submitSignUp(strangerPage, rootDomain, { name: "Intrus", email: victim, password: attackerPassword });
    await strangerPage.getByText("un message vient d'être envoyé").waitFor();
    await signIn(strangerPage, rootDomain, victim, attackerPassword);
    expect(await strangerPage.getByText("Votre adresse e-mail n'est pas encore confirmée").count()).toBe(1);
    const strangerCookie = (await stranger.cookies(platform("/"))).find((cookie) => cookie.name === "authjs.session-token");
    if (!strangerCookie) throw new Error("no session cookie");

    // The owner of the address signs in by link.
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await ownerPage.goto(platform("/connexion"));
    const linkForm = ownerPage.getByRole("region", { name: "Sans mot de passe" });
    await linkForm.getByLabel("Adresse e-mail").fill(victim);
    await linkForm.getByRole("button", { name: "Recevoir un lien" }).click();
    const mail = await waitForMail(mailDir, (candidate) => candidate.to === victim && candidate.subject === "Votre lien de connexion à Carnet", 30_000);
    await ownerPage.goto(firstLink(mail.text));
    await ownerPage.waitForURL((url) => url.pathname === "/admin");
    expect(await ownerPage.getByText("Votre adresse e-mail n'est pas encore confirmée").count()).toBe(0);
    await owner.close();

    // The stranger's session is over, and the stranger's password opens nothing any more.
    const replayed = await httpGet(platform("/admin"), { Cookie: `${strangerCookie.name}=${strangerCookie.value}` });
    expect(replayed.status).toBe(307);
    const again = await browser.newContext();
    const againPage = await again.newPage();
    await againPage.goto(platform("/connexion"));
    const form = againPage.locator("form").filter({ has: againPage.getByLabel("Mot de passe", { exact: true }) });
    await form.getByLabel("Adresse e-mail").fill(victim);
    await form.getByLabel("Mot de passe", { exact: true }).fill(attackerPassword);
    await form.getByRole("button", { name: "Se connecter" }).click();
    await againPage.locator("p[role=alert]").waitFor();
    expect(await againPage.locator("p[role=alert]").textContent()).toBe("Adresse e-mail ou mot de passe incorrect.");
    await again.close();
    await stranger.close();
  });
});
