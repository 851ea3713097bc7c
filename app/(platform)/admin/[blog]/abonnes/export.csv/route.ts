import { downloadHeaders, ownerBlogForDownload } from "@/lib/blogs/access";
import { subscribersToCsv } from "@/lib/newsletter/csv";
import { listAllSubscribers } from "@/lib/newsletter/queries";

// "Exporter en CSV" of the subscribers page: every subscriber of the blog, for its owner only.
export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const blog = await ownerBlogForDownload(slug, `/admin/${slug}/abonnes`, "Seul le propriétaire du blog peut exporter ses abonnés.");
  if (blog instanceof Response) return blog;
  const csv = subscribersToCsv(await listAllSubscribers(blog.id));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, { headers: downloadHeaders("text/csv; charset=utf-8", `abonnes-${blog.slug}-${day}.csv`) });
}
