import { describe, expect, it } from "vitest";
import { clientAddress, hashClient } from "@/lib/client-id";

describe("who the client is", () => {
  it("takes the address the nearest proxy appended, not what the client wrote before it", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
  });

  it("never keeps the address itself, and rotates with the salt", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.7" });
    expect(hashClient(headers)).not.toContain("203");
    expect(hashClient(headers)).toBe(hashClient(new Headers({ "x-forwarded-for": "9.9.9.9, 203.0.113.7" })));
    expect(hashClient(headers, "2026-11-28")).not.toBe(hashClient(headers, "2026-11-29"));
  });
});
