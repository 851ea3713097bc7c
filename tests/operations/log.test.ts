import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskEmails } from "@/lib/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(stream), lines };
}

describe("the server's log", () => {
  it("writes one JSON object per event, with its level by name", () => {
    const { logger, lines } = capture();
    logger.info({ path: "/" }, "request");
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", path: "/", service: "carnet" });
  });

  it("never holds a full e-mail address, in a message or an error", () => {
    const { logger, lines } = capture();
    logger.warn("envoi refusé pour dominique.martin@exemple.fr");
    logger.error({ err: new Error("boîte pleine : camille@univ-exemple.fr") }, "échec");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("dominique.martin@");
    expect(text).not.toContain("camille@");
    expect(text).toContain("d***@exemple.fr");
    expect(text).toContain("c***@univ-exemple.fr");
  });

  it("censors passwords, tokens, cookies and authorization headers", () => {
    const { logger, lines } = capture();
    logger.info({ password: "correct horse", token: "abc123", headers: { authorization: "Bearer s3cr3t", cookie: "session=xyz" } }, "tentative");
    const text = JSON.stringify(lines);
    for (const secret of ["correct horse", "abc123", "s3cr3t", "session=xyz"]) expect(text).not.toContain(secret);
  });

  it("masks addresses in any text", () => {
    expect(maskEmails("de demo@carnet.test à a.b@c.fr")).toBe("de d***@carnet.test à a***@c.fr");
  });
});
