import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("refuses short, common and personal passwords", () => {
    expect(passwordProblem("court")).toBe("passwordTooShort");
    expect(passwordProblem("password123")).toBe("passwordTooCommon");
    expect(passwordProblem("azertyuiop")).toBe("passwordTooCommon");
    expect(passwordProblem("aaaaaaaaaaaa")).toBe("passwordTooCommon");
    expect(passwordProblem("helene.marchand-2026", { email: "helene.marchand@example.org" })).toBe("passwordTooCommon");
    expect(passwordProblem("un vélo bleu sous la pluie")).toBeNull();
  });

  it("stores argon2id hashes that verify only the right password", async () => {
    const stored = await hashPassword("un vélo bleu sous la pluie");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(stored, "un vélo bleu sous la pluie")).toBe(true);
    expect(await verifyPassword(stored, "un vélo rouge sous la pluie")).toBe(false);
    expect(await verifyPassword("pas un hachage", "x")).toBe(false);
  });
});
