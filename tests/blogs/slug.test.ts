import { describe, expect, it } from "vitest";
import { isAvailableBlogSlugShape, isWellFormedBlogSlug, PLATFORM_SEGMENTS, RESERVED_BLOG_SLUGS } from "@/lib/blogs/slug";
import { slugify } from "@/lib/posts/slug";

describe("blog addresses", () => {
  it.each(["abc", "formation-continue", "a1-b2", "x".repeat(30)])("accepts %s", (slug) => {
    expect(isAvailableBlogSlugShape(slug)).toBe(true);
  });

  it.each(["ab", "x".repeat(31), "-abc", "abc-", "ab--cd", "Abc", "été", "a.b", "a_b", ""])("refuses %j", (slug) => {
    expect(isWellFormedBlogSlug(slug)).toBe(false);
  });

  it("reserves every top-level route of the platform and the usual service names", () => {
    for (const segment of PLATFORM_SEGMENTS) expect(RESERVED_BLOG_SLUGS.has(segment)).toBe(true);
    for (const name of ["www", "admin", "api", "mail"]) expect(isAvailableBlogSlugShape(name)).toBe(false);
  });
});

describe("slugify", () => {
  it("folds accents and ligatures and joins words with hyphens", () => {
    expect(slugify("Les réseaux sociaux d’entreprise : œuvre collective !")).toBe("les-reseaux-sociaux-d-entreprise-oeuvre-collective");
  });

  it("never ends on a hyphen when cut", () => {
    expect(slugify("abc def", 4)).toBe("abc");
  });
});
