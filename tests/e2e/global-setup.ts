import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startCarnet } from "../helpers/carnet-server";
import { startSmtpServer } from "../helpers/smtp-server";

declare module "vitest" {
  export interface ProvidedContext {
    rootDomain: string;
    queryLog: string;
    databaseUrl: string;
    /** The folder where the tests' SMTP server writes every mail Carnet sends (tests/helpers/mailbox.ts reads it). */
    mailDir: string;
  }
}

// One production build and server for all end-to-end files, on a fresh database with the demo blog,
// sending its mail (through its own outbox worker) to a real SMTP server in this process.
export default async function setup(project: TestProject) {
  const mailDir = mkdtempSync(join(tmpdir(), "carnet-mail-"));
  const smtp = await startSmtpServer({ saveTo: mailDir });
  // Imports read the images of their fixtures from a server of the test on 127.0.0.1.
  const carnet = await startCarnet({ distDir: ".next-test", env: { SMTP_URL: smtp.url, IMPORT_ALLOW_PRIVATE_NETWORKS: "1", IMPORT_DIR: join(mailDir, "imports") } });
  project.provide("rootDomain", carnet.rootDomain);
  project.provide("queryLog", carnet.queryLog);
  project.provide("databaseUrl", carnet.databaseUrl);
  project.provide("mailDir", mailDir);
  return async () => {
    await carnet.stop();
    await smtp.close();
    rmSync(mailDir, { recursive: true, force: true });
  };
}
