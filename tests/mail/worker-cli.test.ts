import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { countOutboxByStatus, queueEmail } from "@/lib/mail/outbox";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp-server";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});
afterAll(async () => {
  await smtp.close();
});

describe("npm run worker", () => {
  it("sends the outbox on its own, for operators who run it apart, and stops cleanly on SIGTERM", async () => {
    for (const name of ["ana", "bao", "cleo"]) {
      await queueEmail(db, { key: `cli:${name}`, kind: "essai", to: `${name}@exemple.fr`, subject: "Depuis le worker", text: "Bonjour" });
    }
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, SMTP_URL: smtp.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await smtp.waitFor((messages) => messages.length === 3, 30_000);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"worker started"');
    expect(smtp.messages.map((mail) => mail.to).sort()).toEqual(["ana@exemple.fr", "bao@exemple.fr", "cleo@exemple.fr"]);
    expect((await countOutboxByStatus()).sent).toBe(3);
  }, 60_000);

  it("starts without SMTP_URL (it has other jobs), saying that mail stays in the outbox", async () => {
    const env = { ...process.env };
    delete env.SMTP_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const started = new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("worker started")) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await started;
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SMTP_URL is not set: mail stays in the outbox");
    expect(output).toContain('"outbox":false');
  }, 60_000);
});
