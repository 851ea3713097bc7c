// `npm start`, for a newcomer: migrate, seed the demo on an empty database, build when there is no build
// of this code, then serve on PORT (lib/cli/serve.mjs, which is also `npm run serve`).
import { fileURLToPath } from "node:url";
import { buildCarnet, isBuildCurrent, runNode } from "./build";

const port = process.env.PORT ?? "3000";
// Blog addresses are <slug>.<ROOT_DOMAIN>; on a workstation that is <slug>.localhost:<port>.
process.env.ROOT_DOMAIN ??= `localhost:${port}`;

const { env } = await import("@/lib/env");
const { migrateDatabase } = await import("@/lib/db/migrate");
const { seedDemoBlog } = await import("@/lib/demo/seed");
const { db } = await import("@/lib/db");
const { blogs } = await import("@/lib/db/schema");

await migrateDatabase();
const anyBlog = await db.select({ id: blogs.id }).from(blogs).limit(1);
if (anyBlog.length === 0 && (await seedDemoBlog())) console.log("Blog de démonstration créé.");

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!isBuildCurrent(distDir)) {
  console.log("Construction de Carnet (next build)…");
  await buildCarnet(distDir);
}

console.log(`Carnet : ${env.PUBLIC_PROTOCOL}://${env.ROOT_DOMAIN} — blog de démonstration : ${env.PUBLIC_PROTOCOL}://formation-continue.${env.ROOT_DOMAIN}`);
const serve = fileURLToPath(new URL("./serve.mjs", import.meta.url));
process.exit(await runNode([serve], { ...process.env, PORT: port }));
