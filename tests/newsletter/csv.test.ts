import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseSubscriberCsv, subscribersToCsv } from "@/lib/newsletter/csv";

describe("reading an imported list of subscribers", () => {
  it("takes one address per line, normalised and without repeats", () => {
    expect(parseSubscriberCsv("Alice@Exemple.fr\n\nbob@exemple.fr\r\nalice@exemple.fr\n")).toEqual({
      emails: ["alice@exemple.fr", "bob@exemple.fr"],
      invalid: [],
      tooMany: false,
    });
  });

  it("finds the e-mail column of a spreadsheet export, whatever its separator, and reports bad lines", () => {
    const exported = "\uFEFFNom;Courriel;Ville\nAlice;alice@exemple.fr;Lyon\nBob;bob@;Brest\n\"Durand, Chloé\";chloe@exemple.fr;Nantes\n";
    expect(parseSubscriberCsv(exported)).toEqual({
      emails: ["alice@exemple.fr", "chloe@exemple.fr"],
      invalid: [{ line: 3, value: "bob@" }],
      tooMany: false,
    });
    expect(parseSubscriberCsv("nom,adresse\nAlice,alice@exemple.fr\n").emails).toEqual(["alice@exemple.fr"]);
    expect(parseSubscriberCsv("Alice\talice@exemple.fr\nBob\tbob@exemple.fr\n").emails).toEqual(["alice@exemple.fr", "bob@exemple.fr"]);
  });

  it("says when a file holds more addresses than one import may", () => {
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `lectrice-${index}@exemple.fr`).join("\n");
    expect(parseSubscriberCsv(many).tooMany).toBe(true);
  });
});

describe("exporting the subscribers", () => {
  it("writes one line per subscriber with status and ISO dates, and no cell a spreadsheet would run as a formula", () => {
    const csv = subscribersToCsv([
      { email: "alice@exemple.fr", status: "confirmed", source: "form", createdAt: Date.UTC(2012, 5, 24, 8), confirmedAt: Date.UTC(2012, 5, 24, 9), unsubscribedAt: null },
      { email: "-2+3@exemple.fr", status: "unsubscribed", source: "import", createdAt: Date.UTC(2013, 0, 2), confirmedAt: null, unsubscribedAt: Date.UTC(2013, 1, 3) },
    ]);
    // A BOM and semicolons: French Excel opens it in columns, accents intact.
    expect(csv.startsWith("\uFEFFemail;statut;source;")).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(rows).toEqual([
      ["email", "statut", "source", "inscription", "confirmation", "desinscription"],
      ["alice@exemple.fr", "confirmé", "form", "2012-06-24T08:00:00.000Z", "2012-06-24T09:00:00.000Z", ""],
      ["'-2+3@exemple.fr", "désabonné", "import", "2013-01-02T00:00:00.000Z", "", "2013-02-03T00:00:00.000Z"],
    ]);
  });

  it("separates with commas when asked", () => {
    const csv = subscribersToCsv([{ email: "bob@exemple.fr", status: "pending", source: "form", createdAt: Date.UTC(2020, 0, 1), confirmedAt: null, unsubscribedAt: null }], ",");
    expect(parse(csv, { bom: true }) as string[][]).toEqual([
      ["email", "statut", "source", "inscription", "confirmation", "desinscription"],
      ["bob@exemple.fr", "en attente", "form", "2020-01-01T00:00:00.000Z", "", ""],
    ]);
  });
});
