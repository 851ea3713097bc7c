import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const fixtures = new URL("./fixtures/", import.meta.url);

/** A fixture copied to a temporary file, its {{IMAGES}} placeholders pointing at `imagesOrigin`. */
export function fixtureFile(name: string, imagesOrigin = "https://images.carnets-helene.example", edit: (text: string) => string = (text) => text): string {
  const text = readFileSync(new URL(name, fixtures), "utf8").replaceAll("{{IMAGES}}", imagesOrigin);
  const path = join(mkdtempSync(join(tmpdir(), "carnet-import-")), name);
  writeFileSync(path, edit(text));
  return path;
}
