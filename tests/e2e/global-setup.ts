import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildCarnet, isBuildCurrent } from "../../lib/cli/build";
import { startCarnet } from "../helpers/carnet-server";
import { startSmtpServer } from "../helpers/smtp-server";

declare module "vitest" {
  export interface ProvidedContext {
    rootDomain: string;
    queryLog: string;
    databaseUrl: string;
    /** The folder where the tests' SMTP server writes every mail Carnet sends (tests/helpers/mailbox.ts reads it). */
    mailDir: string;
    /** The one build every end-to-end server serves. */
    distDir: string;
    /** The address the build was made under: it must appear nowhere in what the build wrote. */
    buildRootDomain: string;
  }
}

const DIST_DIR = ".next-test";
const BUILD_ROOT_DOMAIN = "adresse-de-construction.invalid";

// One production build (made under an address and a database that no server uses: a build knows nothing
// of its deployment) and one server for all end-to-end files, on a fresh database with the demo blog,
// sending its mail (through its own outbox worker) to a real SMTP server in this process. Files that need
// more servers serve the same build.
export default async function setup(project: TestProject) {
  if (!isBuildCurrent(DIST_DIR)) {
    await buildCarnet(DIST_DIR, { ROOT_DOMAIN: BUILD_ROOT_DOMAIN, PUBLIC_PROTOCOL: "https", DATABASE_URL: "http://127.0.0.1:9/aucune-base", NEXT_TELEMETRY_DISABLED: "1" });
  }
  const mailDir = mkdtempSync(join(tmpdir(), "carnet-mail-"));
  const smtp = await startSmtpServer({ saveTo: mailDir });
  const carnet = await startCarnet({ distDir: DIST_DIR, env: { SMTP_URL: smtp.url } });
  project.provide("rootDomain", carnet.rootDomain);
  project.provide("queryLog", carnet.queryLog);
  project.provide("databaseUrl", carnet.databaseUrl);
  project.provide("mailDir", mailDir);
  project.provide("distDir", DIST_DIR);
  project.provide("buildRootDomain", BUILD_ROOT_DOMAIN);
  return async () => {
    await carnet.stop();
    await smtp.close();
    rmSync(mailDir, { recursive: true, force: true });
  };
}
