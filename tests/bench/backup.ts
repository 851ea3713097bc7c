// `npm run bench:backup`: the demo database grown to 10 000 posts and 100 000 comments, backed up and
// restored both ways (a database file, and a libSQL server started here). Figures go into tests/bench/RESULTS.md.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { backupCarnet, restoreCarnet } from "@/lib/backup/backup";
import { fileSystemMediaStorage } from "@/lib/media/storage";
import { startSqld } from "../helpers/sqld";
import { addDemoComments, addDemoPosts } from "./grow-demo";

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "carnet-bench-backup-"));
const databaseUrl = `file:${join(dir, "carnet.db")}`;
const mediaDir = join(dir, "uploads");
const env = { ...process.env, DATABASE_URL: databaseUrl, MEDIA_DIR: mediaDir };

await promisify(execFile)(process.execPath, ["--import", "./tests/helpers/allow-server-only.mjs", "--import", "tsx", "lib/cli/seed.ts"], { env });
const client = createClient({ url: databaseUrl });
await addDemoPosts(client, POSTS);
await addDemoComments(client, COMMENTS);
const counts = await client.execute("select (select count(*) from post) as posts, (select count(*) from comment) as comments");
client.close();

const sqld = await startSqld();
const rows: string[][] = [];
const mib = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(1);
try {
  const fileBackup = join(dir, "sauvegarde-fichier.db");
  const fromFile = await backupCarnet({ databaseUrl, file: fileBackup, mediaDir });
  rows.push(["backup of the database file (VACUUM INTO)", `${(fromFile.milliseconds / 1000).toFixed(1)}`, mib(fileBackup)]);

  let started = Date.now();
  await restoreCarnet({ file: fileBackup, databaseUrl: sqld.url, storage: fileSystemMediaStorage(join(dir, "restaurees")) });
  rows.push(["restore into an empty libSQL server (sqld, loopback)", `${((Date.now() - started) / 1000).toFixed(1)}`, "—"]);

  const serverBackup = join(dir, "sauvegarde-serveur.db");
  const fromServer = await backupCarnet({ databaseUrl: sqld.url, file: serverBackup, mediaDir: null });
  rows.push(["backup of the libSQL server (one read transaction, copied through SQL)", `${(fromServer.milliseconds / 1000).toFixed(1)}`, mib(serverBackup)]);

  started = Date.now();
  await restoreCarnet({ file: serverBackup, databaseUrl: `file:${join(dir, "restauree.db")}`, storage: fileSystemMediaStorage(join(dir, "restaurees")) });
  rows.push(["restore into an empty database file", `${((Date.now() - started) / 1000).toFixed(1)}`, "—"]);
} finally {
  await sqld.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${counts.rows[0]?.posts} posts, ${counts.rows[0]?.comments} comments; ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`);
console.log("| operation | seconds | size (MiB) |\n| --- | ---: | ---: |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
