// Run as a separate process by backup.test.ts: Carnet's own write paths (a reader's comment, then a
// flushed batch of page views) in a loop on DATABASE_URL until SIGTERM. Each line it prints is a write
// acknowledged (committed): "comment <id>", "views <total>".
import sharp from "sharp";
import { db } from "@/lib/db";
import { media, posts } from "@/lib/db/schema";
import { storeComment } from "@/lib/comments/mutations";
import { uploadMedia } from "@/lib/media/mutations";
import { saveViewBatch } from "@/lib/stats/save-views";
import { utcDay } from "@/lib/stats/view-counter";
import { createBlog, createUser } from "../helpers/admin-fixtures";

const owner = await createUser("Maëlle Sauvegarde");
const blog = await createBlog("carnet-sous-charge", owner);
const now = Date.now();
const [post] = await db
  .insert(posts)
  .values({ blogId: blog.id, authorId: owner.id, slug: "pendant-la-sauvegarde", title: "Écrire pendant la sauvegarde", bodyMarkdown: "Les lecteurs commentent sans attendre.", status: "published", publishedAt: now, updatedAt: now })
  .returning({ id: posts.id });
const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#7d3c98" } }).png().toBuffer();
const uploaded = await uploadMedia({ userId: owner.id, blogId: blog.id, bytes: image, alt: "Une violette" });
if (!post || !uploaded.ok) throw new Error("fixtures not written");
const [medium] = await db.select({ key: media.storageKey }).from(media);
console.log(`ready ${blog.id} ${post.id} ${medium?.key}`);

let stopping = false;
process.on("SIGTERM", () => (stopping = true));
for (let i = 1; !stopping; i++) {
  const id = await storeComment({
    blogId: blog.id,
    postId: post.id,
    parentId: null,
    authorName: `Lectrice ${i}`,
    authorEmail: `lectrice-${i}@exemple.test`,
    authorUrl: null,
    authorUserId: null,
    body: `Commentaire numéro ${i}, écrit pendant la sauvegarde.`,
    status: "approved",
    heldReason: null,
    clientHash: null,
    createdAt: Date.now(),
  });
  console.log(`comment ${id}`);
  const day = utcDay(Date.now());
  await saveViewBatch({ blogDays: [{ blogId: blog.id, day, views: 1 }], postDays: [{ postId: post.id, blogId: blog.id, day, views: 1 }], referrerDays: [] });
  console.log(`views ${i}`);
  // A database file answers synchronously: give the signal handler its turn.
  await new Promise((resolve) => setImmediate(resolve));
}
console.log("stopped");
process.exit(0);
