// `npm start`: migrate, seed the demo on an empty database, build when needed, then serve on PORT.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const port = process.env.PORT ?? "3000";
// Blog addresses are <slug>.<ROOT_DOMAIN>; on a workstation that is <slug>.localhost:<port>.
process.env.ROOT_DOMAIN ??= `localhost:${port}`;

const { env } = await import("@/lib/env");
const { tightenDataDirectory } = await import("@/lib/private-files");
tightenDataDirectory();
const { migrateDatabase } = await import("@/lib/db/migrate");
const { seedDemoBlog } = await import("@/lib/demo/seed");
const { db } = await import("@/lib/db");
const { blogs } = await import("@/lib/db/schema");

await migrateDatabase();
const anyBlog = await db.select({ id: blogs.id }).from(blogs).limit(1);
if (anyBlog.length === 0 && (await seedDemoBlog())) console.log("Blog de démonstration créé.");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
// Pre-rendered pages carry absolute links to the platform: a build is only good for the address it was made for.
const stampPath = join(distDir, "carnet-build.json");
const stamp = JSON.stringify({ rootDomain: env.ROOT_DOMAIN, protocol: env.PUBLIC_PROTOCOL, databaseUrl: env.DATABASE_URL });
const built = existsSync(join(distDir, "BUILD_ID")) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp;

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

if (!built) {
  console.log(`Construction de Carnet pour ${env.PUBLIC_PROTOCOL}://${env.ROOT_DOMAIN}…`);
  // Next's data cache outlives builds; entries read from another database or address must not.
  rmSync(distDir, { recursive: true, force: true });
  const code = await run([nextBin, "build"]);
  if (code !== 0) process.exit(code);
  writeFileSync(stampPath, stamp);
}

console.log(`Carnet : ${env.PUBLIC_PROTOCOL}://${env.ROOT_DOMAIN} — blog de démonstration : ${env.PUBLIC_PROTOCOL}://formation-continue.${env.ROOT_DOMAIN}`);
// lib/cli/serve.mjs: Next's production server, with the page-view beacon answered before Next's pipeline.
const serve = fileURLToPath(new URL("./serve.mjs", import.meta.url));
process.exit(await run([serve], { ...process.env, NODE_ENV: "production", PORT: port }));
