import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailOutbox, subscribers } from "@/lib/db/schema";
import { queuePostForSubscribers } from "@/lib/newsletter/fan-out";
import { parseLocalDateTime, savePost, type PostInput } from "@/lib/posts/mutations";
import { publishDuePosts } from "@/lib/posts/scheduler";
import { makeBlog, makeUser } from "../helpers/fixtures";

const input = (title: string, scheduledFor = ""): PostInput => ({ title, slug: "", body: "Du texte.", excerpt: "", category: "", tags: "", scheduledFor, coverMediaId: "", seoTitle: "", seoDescription: "" });

async function mailsFor(blogId: number) {
  return db.select({ to: emailOutbox.toAddress, subject: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.blogId, blogId));
}

describe("publishing sends the post to subscribers, once", () => {
  it("queues one mail per confirmed subscriber when a post is published, and none when it is edited", async () => {
    const owner = await makeUser();
    const blog = await makeBlog(owner);
    await db.insert(subscribers).values([
      { blogId: blog.id, email: "une@example.org", status: "confirmed" },
      { blogId: blog.id, email: "deux@example.org", status: "confirmed" },
      { blogId: blog.id, email: "attente@example.org", status: "pending" },
      { blogId: blog.id, email: "partie@example.org", status: "unsubscribed" },
    ]);
    const draft = await savePost({ userId: owner, blogId: blog.id, data: input("Lettre de novembre"), intent: "draft", afterPublish: queuePostForSubscribers });
    if (!draft.ok) throw new Error("not saved");
    expect(await mailsFor(blog.id)).toHaveLength(0);

    await savePost({ userId: owner, blogId: blog.id, postId: draft.postId, data: input("Lettre de novembre"), intent: "publish", afterPublish: queuePostForSubscribers });
    const sent = await mailsFor(blog.id);
    expect(sent.map((mail) => mail.to).sort()).toEqual(["deux@example.org", "une@example.org"]);
    expect(sent.every((mail) => mail.subject.includes("Lettre de novembre"))).toBe(true);

    await savePost({ userId: owner, blogId: blog.id, postId: draft.postId, data: input("Lettre de novembre, corrigée"), intent: "publish", afterPublish: queuePostForSubscribers });
    await savePost({ userId: owner, blogId: blog.id, postId: draft.postId, data: input("Lettre de novembre"), intent: "unpublish", afterPublish: queuePostForSubscribers });
    await savePost({ userId: owner, blogId: blog.id, postId: draft.postId, data: input("Lettre de novembre"), intent: "publish", afterPublish: queuePostForSubscribers });
    expect(await mailsFor(blog.id)).toHaveLength(2);
  });

  it("queues a scheduled post's mails when its time comes", async () => {
    const owner = await makeUser();
    const blog = await makeBlog(owner);
    await db.insert(subscribers).values({ blogId: blog.id, email: "fidele@example.org", status: "confirmed" });
    await savePost({ userId: owner, blogId: blog.id, data: input("À paraître", "2032-05-01T08:00"), intent: "schedule", afterPublish: queuePostForSubscribers });
    expect(await mailsFor(blog.id)).toHaveLength(0);
    await publishDuePosts({ now: parseLocalDateTime("2032-05-01T08:00", "Europe/Paris") ?? 0, afterPublish: queuePostForSubscribers });
    expect((await mailsFor(blog.id)).map((mail) => mail.to)).toEqual(["fidele@example.org"]);
  });
});
