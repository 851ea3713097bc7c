import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

describe("where sign-in sends a person back", () => {
  it.each(["/admin", "/admin/formation-continue/articles?statut=brouillon&page=2", "/compte/adresse?jeton=abc_DEF-123", "/", "/admin/blog/articles#haut"])(
    "keeps the platform path %s",
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  const hostile = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%2F%2Fevil.example",
    "/％evil",
    "/％2F％2Fevil.example",
    "/／evil.example",
    "／／evil.example",
    "/＼evil.example",
    "/%EF%BC%8F/evil.example",
    "/\u2215\u2215evil.example",
    "/\u2044evil.example",
    "/%E0%A4%A",
    "/%",
    "/admin\r\nSet-Cookie: x=1",
    "/admin\u0000",
    "/\t/evil.example",
    " /admin",
    "https://evil.example/admin",
    "http:/evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "admin",
    "",
    `/${"a".repeat(5000)}`,
  ];

  it.each(hostile)("falls back for the hostile value %j, without throwing", (value) => {
    expect(safeReturnPath(value)).toBe("/admin");
    expect(safeReturnPath(value, "/")).toBe("/");
  });

  it.each([undefined, null, 42, ["/admin", "//evil.example"], { toString: () => "/admin" }])("falls back for the non-string %j", (value) => {
    expect(safeReturnPath(value)).toBe("/admin");
  });
});
