import { describe, expect, it } from "vitest";
import { getTranslator } from "@/lib/i18n";

describe("the sidebar's subscriber count", () => {
  it("speaks French on French blogs and English on English ones, singular and plural", () => {
    const fr = getTranslator("fr");
    const en = getTranslator("en");
    expect(fr("sidebar.subscribers", { count: 49 })).toBe("49 abonnés");
    expect(fr("sidebar.subscribers", { count: 1 })).toBe("1 abonné");
    expect(fr("sidebar.subscribers", { count: 0 })).toBe("Aucun abonné");
    expect(fr("sidebar.subscribers", { count: 10_000 })).toBe("10\u202f000 abonnés");
    expect(en("sidebar.subscribers", { count: 49 })).toBe("49 subscribers");
    expect(en("sidebar.subscribers", { count: 1 })).toBe("1 subscriber");
    expect(en("sidebar.subscribers", { count: 10_000 })).toBe("10,000 subscribers");
  });
});
