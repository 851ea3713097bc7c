import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { changePassword, confirmEmailChange, requestEmailChange, signOutEverywhere, signUp } from "@/lib/auth/actions";
import { createAccount, issueToken } from "@/lib/auth/mutations";
import { getAccountUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { emailOutbox, users } from "@/lib/db/schema";
import { asUser, makeSignedInUser, redirectOf } from "../helpers/next-request";

vi.mock("next/headers", () => import("../helpers/next-request"));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), ...(await import("../helpers/next-request")).cacheCalls }));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

const mailsTo = (to: string) => db.select({ kind: emailOutbox.kind, text: emailOutbox.textBody }).from(emailOutbox).where(eq(emailOutbox.toAddress, to));

describe("signing up", () => {
  it("answers the same whether the address has an account or not; only the mail differs", async () => {
    await createAccount({ name: "Déjà Là", email: "deja@exemple.fr", password: "une phrase de passe solide" });
    const answers = [];
    for (const [i, email] of ["deja@exemple.fr", "nouvelle@exemple.fr"].entries()) {
      asUser(null, { "x-carnet-client": `192.0.2.${i + 1}` });
      const answer = await signUp(null, form({ name: "Quelqu'un", email, password: "une autre phrase de passe" }));
      answers.push(JSON.stringify(answer).replace(email, "<adresse>"));
    }
    expect(answers[0]).toBe(answers[1]);
    expect((await mailsTo("deja@exemple.fr")).map((mail) => mail.kind)).toEqual(["account-exists"]);
    expect((await mailsTo("nouvelle@exemple.fr")).map((mail) => mail.kind)).toEqual(["verify-address"]);
    // The existing account is untouched: same name, no new password.
    const [existing] = await db.select({ name: users.name }).from(users).where(eq(users.email, "deja@exemple.fr"));
    expect(existing?.name).toBe("Déjà Là");
  });
});

describe("changing the address", () => {
  it("asks for the current password, and sends nothing without it", async () => {
    const person = await makeSignedInUser("Paule Prudente");
    asUser(person);
    const refused = await requestEmailChange(null, form({ email: "ailleurs@exemple.fr", currentPassword: "pas le bon" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { currentPassword: "Le mot de passe actuel n'est pas le bon." }, values: { email: "ailleurs@exemple.fr" } });
    const missing = await requestEmailChange(null, form({ email: "ailleurs@exemple.fr" }));
    expect(missing.ok).toBe(false);
    expect(await mailsTo("ailleurs@exemple.fr")).toEqual([]);
  });

  it("tells the old address once the new one is confirmed", async () => {
    const person = await makeSignedInUser("Anne Déménage");
    const before = await getAccountUser(person.userId);
    const token = await issueToken(`email-change:${person.userId}:nouvelle-adresse@exemple.fr`);
    asUser(person);
    expect(await confirmEmailChange(null, form({ jeton: token }))).toMatchObject({ ok: true });
    expect((await getAccountUser(person.userId))?.email).toBe("nouvelle-adresse@exemple.fr");
    const notices = await mailsTo(before?.email ?? "");
    expect(notices.map((mail) => mail.kind)).toEqual(["email-changed"]);
    expect(notices[0]?.text).toContain("nouvelle-adresse@exemple.fr");
  });
});

describe("signing out", () => {
  it("ends every session of the account, so the cookie it had opens nothing any more", async () => {
    const person = await makeSignedInUser("Solal Sortant");
    const before = await getAccountUser(person.userId);
    asUser(person);
    expect(await redirectOf(signOutEverywhere(form({})))).toBe("https://carnet.test/");
    expect((await getAccountUser(person.userId))?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
    // The same cookie, replayed: the action sees nobody.
    asUser(person);
    expect(await changePassword(null, form({ currentPassword: "x", password: "une phrase toute neuve" }))).toMatchObject({ ok: false, error: expect.stringContaining("session") });
  });
});
