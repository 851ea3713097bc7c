import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { ensurePrivateDirectory, ensurePrivateFile } from "@/lib/private-files";
import { readSecretFile } from "@/lib/secret";

const modeOf = (path: string) => statSync(path).mode & 0o777;
const scratch = () => mkdtempSync(join(tmpdir(), "carnet-modes-"));

describe("private files", () => {
  it("creates the server's secret readable by its owner only, in a folder closed to others", () => {
    const folder = join(scratch(), "data");
    const secret = readSecretFile(join(folder, "secret"));
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(modeOf(join(folder, "secret"))).toBe(0o600);
    expect(modeOf(folder)).toBe(0o700);
    expect(readSecretFile(join(folder, "secret"))).toBe(secret);
  });

  it("tightens a secret an earlier version left world-readable, keeping its value", () => {
    const file = join(scratch(), "secret");
    writeFileSync(file, "un-secret-d-avant-qui-doit-rester-le-meme");
    chmodSync(file, 0o644);
    expect(readSecretFile(file)).toBe("un-secret-d-avant-qui-doit-rester-le-meme");
    expect(modeOf(file)).toBe(0o600);
  });

  it("creates the database file 0600 before SQLite opens it, and SQLite's companion files follow", async () => {
    const folder = join(scratch(), "base");
    const path = join(folder, "carnet.db");
    ensurePrivateDirectory(folder);
    ensurePrivateFile(path);
    const client = createClient({ url: `file:${path}` });
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("create table note (texte text)");
    await client.execute("insert into note values ('bonjour')");
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    expect(modeOf(folder)).toBe(0o700);
    client.close();
  });

  it("tightens an existing world-readable database without touching its content", async () => {
    const path = join(scratch(), "ancienne.db");
    const client = createClient({ url: `file:${path}` });
    await client.execute("create table note (texte text)");
    await client.execute("insert into note values ('toujours là')");
    client.close();
    chmodSync(path, 0o644);
    ensurePrivateFile(path);
    expect(modeOf(path)).toBe(0o600);
    const reopened = createClient({ url: `file:${path}` });
    expect((await reopened.execute("select texte from note")).rows[0]?.texte).toBe("toujours là");
    reopened.close();
  });

  it("gives the test database itself, opened by lib/db, mode 0600", async () => {
    await import("@/lib/db");
    const path = (process.env.DATABASE_URL ?? "").slice("file:".length);
    expect(modeOf(path)).toBe(0o600);
  });
});
