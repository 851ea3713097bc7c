import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSqld, type RunningSqld } from "../helpers/sqld";

type Outcome = { code: number | null; stdout: string; stderr: string };

// Each command runs as an operator runs it: `npm run <script>` is `tsx lib/cli/<script>.ts`.
function runCli(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `lib/cli/${script}.ts`, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const loads: ChildProcess[] = [];

/** tests/backup/write-load.ts in its own process: comments and view batches until stopped. */
function startWriteLoad(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "./tests/helpers/allow-server-only.mjs", "--import", "tsx", "tests/backup/write-load.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  loads.push(child);
  const state = { ready: null as null | { blogId: number; postId: number; mediaKey: string }, comments: [] as number[], views: 0, stopped: false };
  createInterface({ input: child.stdout }).on("line", (line) => {
    const [kind, ...values] = line.split(" ");
    if (kind === "ready") state.ready = { blogId: Number(values[0]), postId: Number(values[1]), mediaKey: String(values[2]) };
    if (kind === "comment") state.comments.push(Number(values[0]));
    if (kind === "views") state.views = Number(values[0]);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    state,
    async until(condition: () => boolean, what: string) {
      const deadline = Date.now() + 60_000;
      while (!condition()) {
        if (child.exitCode !== null) throw new Error(`the write load exited (${child.exitCode}) before ${what}`);
        if (Date.now() > deadline) throw new Error(`the write load did not reach: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), "carnet-backup-"));
let source: RunningSqld;
let restored: RunningSqld;

beforeAll(async () => {
  [source, restored] = await Promise.all([startSqld(), startSqld()]);
}, 300_000);

afterAll(async () => {
  // A failed test may leave its writer running.
  for (const load of loads) if (load.exitCode === null) load.kill("SIGKILL");
  await Promise.all([source?.stop(), restored?.stop()]);
});

const targets = [
  { kind: "an SQLite file", source: () => `file:${join(dir, "carnet.db")}`, emptyTarget: () => `file:${join(dir, "restauree.db")}` },
  { kind: "a libSQL server (sqld)", source: () => source.url, emptyTarget: () => restored.url },
];

describe.each(targets)("backing up Carnet on $kind", { timeout: 240_000 }, ({ kind, source: sourceUrl, emptyTarget }) => {
  const name = kind.startsWith("an SQLite") ? "fichier" : "serveur";
  const file = join(dir, `sauvegarde-${name}.db`);
  const mediaDir = join(dir, `medias-${name}`);
  let acknowledgedBefore: number[] = [];
  let everyComment: number[] = [];
  let load: ReturnType<typeof startWriteLoad>;

  it("writes a copy while comments and page views keep arriving, and the copy passes PRAGMA integrity_check", async () => {
    expect((await runCli("migrate", [], { DATABASE_URL: sourceUrl() })).code).toBe(0);
    load = startWriteLoad({ DATABASE_URL: sourceUrl(), MEDIA_DIR: mediaDir });
    await load.until(() => load.state.comments.length >= 20, "20 comments");

    acknowledgedBefore = [...load.state.comments];
    const backup = runCli("backup", [file], { DATABASE_URL: sourceUrl(), MEDIA_DIR: mediaDir });
    const outcome = await backup;
    const writtenDuring = load.state.comments.length - acknowledgedBefore.length;
    await load.stop();
    everyComment = load.state.comments;

    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Sauvegarde écrite dans ${file}`);
    expect(writtenDuring).toBeGreaterThan(0);
    const copy = createClient({ url: `file:${file}` });
    expect((await copy.execute("PRAGMA integrity_check")).rows.map((row) => row[0])).toEqual(["ok"]);
    copy.close();
  });

  it("holds every write acknowledged before the backup began, and is one snapshot of the writes that followed", async () => {
    const copy = createClient({ url: `file:${file}` });
    const postId = load.state.ready!.postId;
    const ids = (await copy.execute({ sql: "SELECT id FROM comment WHERE post_id = ? ORDER BY id", args: [postId] })).rows.map((row) => Number(row.id));
    expect(ids).toEqual(expect.arrayContaining(acknowledgedBefore));
    // The writer commits comment n, then view n: a snapshot holds the first k comments without a gap,
    // and k or k - 1 views. A copy read table after table, while writes go on, would not.
    const last = ids.at(-1)!;
    expect(ids).toEqual(everyComment.filter((id) => id <= last));
    const views = Number((await copy.execute({ sql: "SELECT views FROM post_view_total WHERE post_id = ?", args: [postId] })).rows[0]?.views ?? 0);
    expect([ids.length - 1, ids.length]).toContain(views);
    copy.close();
  });

  it("keeps the blog's images in a folder next to the copy", () => {
    const key = load.state.ready!.mediaKey;
    expect(existsSync(join(`${file}.medias`, key.slice(0, 2), key))).toBe(true);
  });

  it("refuses to restore into a database that is not empty, saying so", async () => {
    const outcome = await runCli("restore", [file], { DATABASE_URL: sourceUrl(), MEDIA_DIR: mediaDir });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("n'est pas vide");
    expect(outcome.stderr).toContain("la restauration n'écrit que dans une base vide");
  });

  it("refuses a damaged backup and leaves the target untouched", async () => {
    const damaged = join(dir, `endommagee-${name}.db`);
    copyFileSync(file, damaged);
    const fd = openSync(damaged, "r+");
    // Overwrites pages in the middle of the file (tables and indexes), not the header.
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 8192);
    closeSync(fd);
    const target = `file:${join(dir, `vide-${name}.db`)}`;
    const outcome = await runCli("restore", [damaged], { DATABASE_URL: target, MEDIA_DIR: join(dir, "jamais") });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("est endommagée");
    const untouched = createClient({ url: target });
    expect((await untouched.execute("SELECT count(*) AS n FROM sqlite_master")).rows[0]?.n).toBe(0);
    untouched.close();
  });

  it("restores the copy into an empty database: every comment, the search index and the images come back", async () => {
    const restoredMedia = join(dir, `medias-restaurees-${name}`);
    const outcome = await runCli("restore", [file], { DATABASE_URL: emptyTarget(), MEDIA_DIR: restoredMedia });
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);

    const copy = createClient({ url: `file:${file}` });
    const target = createClient({ url: emptyTarget() });
    const commentsOf = async (client: typeof copy) => (await client.execute("SELECT id, body FROM comment ORDER BY id")).rows.map((row) => [row.id, row.body]);
    expect(await commentsOf(target)).toEqual(await commentsOf(copy));
    expect((await target.execute("PRAGMA integrity_check")).rows.map((row) => row[0])).toEqual(["ok"]);
    const found = await target.execute("SELECT rowid FROM post_search WHERE post_search MATCH 'sauvegarde'");
    expect(found.rows.map((row) => Number(row.rowid))).toEqual([load.state.ready!.postId]);
    // A new comment gets a new id, never one of a comment deleted before the backup.
    const [sequence] = (await target.execute("SELECT seq FROM sqlite_sequence WHERE name = 'comment'")).rows;
    expect(Number(sequence?.seq)).toBe(Number((await copy.execute("SELECT seq FROM sqlite_sequence WHERE name = 'comment'")).rows[0]?.seq));
    copy.close();
    target.close();

    const key = load.state.ready!.mediaKey;
    expect(existsSync(join(restoredMedia, key.slice(0, 2), key))).toBe(true);
  });
});
