import { describe, expect, it } from "vitest";
import { formatCount, formatLongDate, formatMonth, getTranslator, zonedDateParts, zonedMonthRange } from "@/lib/i18n";

const NNBSP = "\u202f";

describe("dates and numbers in the blog's language", () => {
  const june24 = Date.parse("2012-06-24T09:30:00+02:00");

  it("writes a French date as a French reader expects it", () => {
    expect(formatLongDate(june24, "fr", "Europe/Paris")).toBe("24 juin 2012");
  });

  it("writes an English date the English way", () => {
    expect(formatLongDate(june24, "en", "Europe/Paris")).toBe("June 24, 2012");
  });

  it("uses the blog's time zone for the day: late evening in Paris is already the next day in UTC", () => {
    const lateEvening = Date.parse("2012-06-23T23:30:00+02:00");
    expect(formatLongDate(lateEvening, "fr", "Europe/Paris")).toBe("23 juin 2012");
    expect(zonedDateParts(lateEvening, "Europe/Paris")).toEqual({ year: 2012, month: 6, day: 23 });
    expect(zonedDateParts(lateEvening, "UTC")).toEqual({ year: 2012, month: 6, day: 23 });
    const afterMidnight = Date.parse("2012-06-24T00:30:00+02:00");
    expect(zonedDateParts(afterMidnight, "Europe/Paris")).toEqual({ year: 2012, month: 6, day: 24 });
    expect(zonedDateParts(afterMidnight, "UTC")).toEqual({ year: 2012, month: 6, day: 23 });
  });

  it("groups thousands with a narrow no-break space in French and a comma in English", () => {
    expect(formatCount(2_783_472, "fr")).toBe(`2${NNBSP}783${NNBSP}472`);
    expect(formatCount(2_783_472, "en")).toBe("2,783,472");
  });

  it("names months in the blog's language", () => {
    expect(formatMonth(2012, 6, "fr")).toBe("juin 2012");
    expect(formatMonth(2012, 6, "en")).toBe("June 2012");
  });

  it("bounds a month at local midnight, across a daylight-saving change", () => {
    const march = zonedMonthRange(2013, 3, "Europe/Paris");
    expect(new Date(march.start).toISOString()).toBe("2013-02-28T23:00:00.000Z");
    expect(new Date(march.end).toISOString()).toBe("2013-03-31T22:00:00.000Z");
  });

  it("agrees plurals and formats counts inside messages", () => {
    expect(getTranslator("fr")("sidebar.subscribers", { count: 49 })).toBe("49 abonnés");
    expect(getTranslator("fr")("sidebar.subscribers", { count: 1 })).toBe("1 abonné");
    expect(getTranslator("fr")("sidebar.subscribers", { count: 2783 })).toBe(`2${NNBSP}783 abonnés`);
    expect(getTranslator("en")("sidebar.subscribers", { count: 1 })).toBe("1 subscriber");
    expect(getTranslator("en")("blog.comments", { count: 0 })).toBe("No comments");
  });
});
