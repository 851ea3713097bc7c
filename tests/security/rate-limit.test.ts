import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";
import { consumeRateLimit, purgeExpiredRateLimits } from "@/lib/rate-limit";

const MINUTE = 60_000;

describe("the rate-limit table", () => {
  it("loses the windows that are over and keeps those still counting", async () => {
    const start = Date.UTC(2026, 11, 2, 9, 0);
    await consumeRateLimit("signin:email:ancienne@example.org", 8, 15 * MINUTE, start);
    await consumeRateLimit("comment:client:ancien", 5, 10 * MINUTE, start);
    await consumeRateLimit("signin:email:recente@example.org", 8, 15 * MINUTE, start + 10 * MINUTE);
    for (let attempt = 0; attempt < 3; attempt++) await consumeRateLimit("newsletter:client:actif", 3, 60 * MINUTE, start);

    const now = start + 20 * MINUTE;
    expect(await purgeExpiredRateLimits(now)).toBe(2);
    const left = await db.select({ key: rateLimits.key, count: rateLimits.count }).from(rateLimits);
    expect(left.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "newsletter:client:actif", count: 3 },
      { key: "signin:email:recente@example.org", count: 1 },
    ]);
    // The live window still refuses the fourth attempt: nothing it counted was forgotten.
    expect(await consumeRateLimit("newsletter:client:actif", 3, 60 * MINUTE, now)).toBe(false);
    expect(await purgeExpiredRateLimits(now)).toBe(0);
  });
});
