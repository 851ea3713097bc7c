import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getMemberBlog } from "@/lib/blogs/access";
import { checkBlogSlug, createBlog } from "@/lib/blogs/mutations";
import { db } from "@/lib/db";
import { blogs, users } from "@/lib/db/schema";
import { makeUser } from "../helpers/fixtures";

const blog = (slug: string) => ({ title: "Mon carnet", slug, description: "", language: "fr" as const });

describe("Créer mon blog", () => {
  it("opens a blog and an account together, the person owning the blog", async () => {
    const outcome = await createBlog(blog("carnet-de-lea"), { account: { name: "Léa", email: "lea@example.org", password: "une phrase assez longue" } });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect((await getMemberBlog({ userId: outcome.userId, blogSlug: "carnet-de-lea" }))?.role).toBe("owner");
    expect(await checkBlogSlug("carnet-de-lea")).toBe("taken");
  });

  it("lets a person open several blogs", async () => {
    const userId = await makeUser();
    expect((await createBlog(blog("premier-blog"), { userId })).ok).toBe(true);
    expect((await createBlog(blog("second-blog"), { userId })).ok).toBe(true);
  });

  it("creates nothing when the address is taken, not even the account", async () => {
    const outcome = await createBlog(blog("carnet-de-lea"), { account: { name: "Marc", email: "marc@example.org", password: "une phrase assez longue" } });
    expect(outcome).toEqual({ ok: false, reason: "slug-taken" });
    expect(await db.select().from(users).where(eq(users.email, "marc@example.org"))).toHaveLength(0);
  });

  it("creates nothing when the e-mail already has an account", async () => {
    const outcome = await createBlog(blog("blog-de-lea-bis"), { account: { name: "Léa bis", email: "lea@example.org", password: "une phrase assez longue" } });
    expect(outcome).toEqual({ ok: false, reason: "email-taken" });
    expect(await db.select().from(blogs).where(eq(blogs.slug, "blog-de-lea-bis"))).toHaveLength(0);
  });

  it("says why an address cannot be had", async () => {
    expect(await checkBlogSlug("www")).toBe("reserved");
    expect(await checkBlogSlug("admin")).toBe("reserved");
    expect(await checkBlogSlug("Mon Blog")).toBe("malformed");
    expect(await checkBlogSlug("ab")).toBe("malformed");
    expect(await checkBlogSlug("un-blog-libre")).toBe("available");
  });
});
